//! The database's one writer: a thread owns the write connection, and the writes that
//! queue up while it works are committed together (group commit). Each write keeps its
//! own all-or-nothing under a savepoint, so a write that fails or refuses undoes only
//! itself, and its caller hears the result only once the transaction holding it has
//! committed.
//!
//! Why a thread and not a transaction per call on the blocking pool: SQLite lets one
//! writer in at a time anyway, so under concurrent submissions the pool's threads queued
//! on the connection's lock, each woken in turn to commit on its own. Handing writes to
//! one thread that commits them in batches costs one commit for many writes (measured in
//! `cargo xtask bench api`; see the README's figures). tokio-rusqlite also gives the
//! connection a thread of its own but commits each call apart, which is the cost this
//! saves.

use crate::store::{StoreError, StoreResult};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

/// The most writes one commit holds, so that a long queue still commits in steps.
const MOST_IN_ONE_COMMIT: usize = 64;

/// Tells a write's caller its result once the transaction's fate is known: given the
/// commit's error, if it failed.
type Tell = Box<dyn FnOnce(Option<&StoreError>) + Send>;

/// What a write left after running: whether its changes stay, and how to tell its caller.
struct Staged {
    kept: bool,
    tell: Tell,
}

/// A queued write. It gets the open transaction, or the error that stopped one opening.
type Job = Box<dyn FnOnce(Result<&Transaction<'_>, &StoreError>) -> Staged + Send>;

/// The sending half of the writer thread's queue; the thread ends, closing its
/// connection, when the last clone of this is dropped.
#[derive(Clone)]
pub(super) struct Writer {
    jobs: mpsc::Sender<Job>,
    counts: Arc<Counts>,
}

/// How many writes the thread has run and in how many transactions: the benchmark
/// prints their ratio.
#[derive(Default)]
struct Counts {
    writes: AtomicU64,
    transactions: AtomicU64,
}

impl Writer {
    /// Starts the thread that owns `conn`.
    pub(super) fn start(conn: Connection) -> StoreResult<Writer> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let counts = Arc::new(Counts::default());
        let counted = counts.clone();
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(conn, queue, &counted))
            .map_err(StoreError::backend)?;
        Ok(Writer { jobs, counts })
    }

    /// Writes run and transactions committed (or tried) since the store opened.
    pub(super) fn counts(&self) -> (u64, u64) {
        (
            self.counts.writes.load(Ordering::Relaxed),
            self.counts.transactions.load(Ordering::Relaxed),
        )
    }

    /// Runs `f` in a write transaction, perhaps shared with other writes, each under its
    /// own savepoint: an `Err` from `f` undoes what `f` wrote and nothing else.
    pub(super) async fn write<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |tx| {
            let result = match tx {
                Ok(tx) => f(tx),
                Err(e) => Err(e.clone()),
            };
            Staged {
                kept: result.is_ok(),
                tell: Box::new(move |commit_failed| {
                    let result = match (result, commit_failed) {
                        (Ok(_), Some(e)) => Err(e.clone()),
                        (result, _) => result,
                    };
                    // A caller that stopped waiting no longer needs the answer.
                    let _ = answer.send(result);
                }),
            }
        });
        self.jobs
            .send(job)
            .map_err(|_| StoreError::Backend("the database writer has stopped".into()))?;
        answered.await.map_err(|_| {
            StoreError::Backend("the database writer gave no answer for a write".into())
        })?
    }
}

fn run(mut conn: Connection, queue: mpsc::Receiver<Job>, counts: &Counts) {
    while let Ok(first) = queue.recv() {
        commit_together(&mut conn, first, &queue, counts);
    }
}

/// Runs `first` and whatever else is queued (up to [`MOST_IN_ONE_COMMIT`]) in one
/// transaction, counts them, then tells each caller. Counted before anyone is told, so
/// that a caller who has its answer sees its write in [`Writer::counts`].
fn commit_together(
    conn: &mut Connection,
    first: Job,
    queue: &mpsc::Receiver<Job>,
    counts: &Counts,
) {
    let count = |writes: usize| {
        counts.writes.fetch_add(writes as u64, Ordering::Relaxed);
        counts.transactions.fetch_add(1, Ordering::Relaxed);
    };
    let tx = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
        Ok(tx) => tx,
        Err(e) => {
            let e = StoreError::backend(e);
            count(1);
            (first(Err(&e)).tell)(None);
            return;
        }
    };
    let mut staged: Vec<Staged> = Vec::new();
    let mut broken: Option<StoreError> = None;
    let mut next = Some(first);
    while let Some(job) = next.take() {
        match &broken {
            // Once a savepoint could not be undone the transaction is not to be trusted:
            // the rest are refused and everything in it is rolled back below.
            Some(e) => staged.push(job(Err(e))),
            None => match run_one(&tx, job) {
                Ok(done) => staged.push(done),
                Err((done, e)) => {
                    staged.extend(done);
                    broken = Some(e);
                }
            },
        }
        if staged.len() < MOST_IN_ONE_COMMIT && broken.is_none() {
            next = queue.try_recv().ok();
        }
    }
    let failed = match broken {
        Some(e) => Some(e),
        None => tx.commit().err().map(StoreError::backend),
    };
    // Dropping an uncommitted transaction rolls it back.
    count(staged.len());
    for done in staged {
        (done.tell)(failed.as_ref());
    }
}

/// One write under a savepoint of its own. An error is returned only when the savepoint
/// itself failed, which leaves the transaction unusable.
fn run_one(tx: &Transaction<'_>, job: Job) -> Result<Staged, (Option<Staged>, StoreError)> {
    if let Err(e) = tx.execute_batch("SAVEPOINT one_write") {
        let e = StoreError::backend(e);
        let done = job(Err(&e));
        return Err((Some(done), e));
    }
    // A panic in one write drops its caller's answer (the caller sees an error) and
    // undoes that write; the thread and the other writes carry on.
    let done = catch_unwind(AssertUnwindSafe(|| job(Ok(tx)))).ok();
    let end = if done.as_ref().is_some_and(|d| d.kept) {
        "RELEASE one_write"
    } else {
        "ROLLBACK TO one_write; RELEASE one_write"
    };
    match tx.execute_batch(end) {
        Ok(()) => Ok(done.unwrap_or_else(|| Staged {
            kept: false,
            tell: Box::new(|_| {}),
        })),
        Err(e) => Err((done, StoreError::backend(e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Waker};

    fn writer() -> (tempfile::TempDir, Writer, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE t (n INTEGER PRIMARY KEY);
             CREATE TABLE child (parent INTEGER REFERENCES t (n) DEFERRABLE INITIALLY DEFERRED);",
        )
        .unwrap();
        let reader = Connection::open(&path).unwrap();
        (dir, Writer::start(conn).unwrap(), reader)
    }

    fn rows(reader: &Connection) -> Vec<i64> {
        let mut stmt = reader.prepare("SELECT n FROM t ORDER BY n").unwrap();
        stmt.query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    type Answer = Pin<Box<dyn Future<Output = StoreResult<i64>> + Send>>;

    /// Inserts `n`, then refuses when `n` is a multiple of 3 and panics when it is 10.
    fn insert(writer: &Writer, n: i64) -> Answer {
        let writer = writer.clone();
        Box::pin(async move {
            writer
                .write(move |tx| {
                    tx.execute("INSERT INTO t (n) VALUES (?1)", [n])
                        .map_err(StoreError::backend)?;
                    if n == 10 {
                        panic!("a write that panics");
                    }
                    if n % 3 == 0 {
                        return Err(StoreError::NotFound);
                    }
                    Ok(n)
                })
                .await
        })
    }

    /// A write of `sql` that holds the writer's thread until `released` hears.
    fn held(
        writer: &Writer,
        released: std::sync::mpsc::Receiver<()>,
        sql: &'static str,
        answer: i64,
    ) -> Answer {
        let writer = writer.clone();
        Box::pin(async move {
            writer
                .write(move |tx| {
                    released.recv().unwrap();
                    tx.execute(sql, []).map_err(StoreError::backend)?;
                    Ok(answer)
                })
                .await
        })
    }

    /// Polls each once, so that each has queued its write, without waiting for any.
    fn queue_all(answers: &mut [Answer]) {
        let mut context = Context::from_waker(Waker::noop());
        for answer in answers {
            assert!(answer.as_mut().poll(&mut context).is_pending());
        }
    }

    #[tokio::test]
    async fn writes_queued_together_commit_together_and_fail_alone() {
        let (_dir, writer, reader) = writer();
        // The first write holds the thread until the rest are queued behind it.
        let (release, released) = std::sync::mpsc::channel::<()>();
        let mut first = held(&writer, released, "INSERT INTO t (n) VALUES (1)", 1);
        queue_all(std::slice::from_mut(&mut first));
        let mut rest: Vec<Answer> = (2..=12).map(|n| insert(&writer, n)).collect();
        queue_all(&mut rest);
        release.send(()).unwrap();

        assert_eq!(first.await.unwrap(), 1);
        for (n, answer) in (2..=12).zip(rest) {
            let result = answer.await;
            match n {
                10 => assert!(result.is_err(), "a panicking write answers with an error"),
                n if n % 3 == 0 => assert!(matches!(result, Err(StoreError::NotFound))),
                n => assert_eq!(result.unwrap(), n),
            }
        }
        // Each refused or panicking write undid its own insert and nothing else.
        assert_eq!(rows(&reader), vec![1, 2, 4, 5, 7, 8, 11]);
        // Twelve writes, and the eleven queued behind the first shared its transaction.
        assert_eq!(writer.counts(), (12, 1));

        // The thread carries on after a panic.
        assert_eq!(insert(&writer, 13).await.unwrap(), 13);
        assert_eq!(writer.counts(), (13, 2));
    }

    #[tokio::test]
    async fn a_failed_commit_fails_every_write_it_held() {
        let (_dir, writer, reader) = writer();
        // A deferred foreign key is checked only at commit: an orphan row fails the commit
        // of the transaction it shares with other writes.
        let (release, released) = std::sync::mpsc::channel::<()>();
        let mut orphan = held(
            &writer,
            released,
            "INSERT INTO child (parent) VALUES (99)",
            99,
        );
        queue_all(std::slice::from_mut(&mut orphan));
        let mut beside = vec![insert(&writer, 20)];
        queue_all(&mut beside);
        release.send(()).unwrap();
        assert!(orphan.await.is_err());
        assert!(
            beside.pop().unwrap().await.is_err(),
            "a write is answered Ok only once committed"
        );
        assert!(rows(&reader).is_empty(), "nothing of a failed commit stays");
        // The next transaction starts clean.
        assert_eq!(insert(&writer, 22).await.unwrap(), 22);
        assert_eq!(rows(&reader), vec![22]);
    }
}
