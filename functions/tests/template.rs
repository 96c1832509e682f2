//! The SAM template (`infra/template.yaml`) held to the code: the table is the one the
//! DynamoDB adapter creates, every environment variable the functions read is set (and
//! nothing else), each function runs the zip the build writes, officer routes are behind
//! the JWT authorizer and public ones are not, CORS is left to the function (preflights
//! reach it without a token), and the Cognito groups are named as the API reads them.

mod support;

use feedback_functions::auth::{Role, parse_groups};
use feedback_functions::store::dynamodb::{DUE_INDEX, RETENTION_INDEX, TTL_ATTRIBUTE};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use utoipa::OpenApi;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the functions crate lives in the workspace")
        .to_owned()
}

/// The template as JSON, short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) turned into
/// the long forms CloudFormation reads them as.
fn template() -> Value {
    let path = workspace().join("infra/template.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let yaml: serde_norway::Value = serde_norway::from_str(&text).unwrap();
    to_json(yaml)
}

fn to_json(yaml: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match yaml {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap(),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.as_str().expect("string keys").to_owned(), to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            let tag = tag.trim_start_matches('!');
            let value = to_json(tagged.value);
            match (tag, value) {
                ("Ref", value) => json!({ "Ref": value }),
                ("GetAtt", Value::String(dotted)) => {
                    let (resource, attribute) = dotted.split_once('.').expect("A.B");
                    json!({ "Fn::GetAtt": [resource, attribute] })
                }
                (other, value) => json!({ format!("Fn::{other}"): value }),
            }
        }
    }
}

fn resources(template: &Value) -> &Map<String, Value> {
    template["Resources"].as_object().unwrap()
}

fn of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a str, &'a Value)> {
    resources(template)
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .map(|(name, r)| (name.as_str(), r))
        .collect()
}

/// The one function whose code is the `bin` binary's zip.
fn function<'a>(template: &'a Value, bin: &str) -> &'a Value {
    let suffix = format!("/lambda/{bin}/bootstrap.zip");
    let found: Vec<_> = of_type(template, "AWS::Serverless::Function")
        .into_iter()
        .filter(|(_, f)| {
            f["Properties"]["CodeUri"]
                .as_str()
                .is_some_and(|uri| uri.ends_with(&suffix))
        })
        .collect();
    assert_eq!(found.len(), 1, "one function runs {bin}");
    found[0].1
}

/// The Lambda binaries: every `[[bin]]` of this package but the local `feedback` command.
fn lambda_binaries() -> Vec<String> {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(workspace().join("functions/Cargo.toml")).unwrap())
            .unwrap();
    manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap().to_owned())
        .filter(|name| name != "feedback")
        .collect()
}

#[tokio::test]
async fn the_table_is_the_one_the_dynamodb_adapter_creates() {
    let store = support::dynamodb::dynamo_store().await;
    let client = support::dynamodb::client().await;
    let described = client
        .describe_table()
        .table_name(store.table())
        .send()
        .await
        .unwrap()
        .table
        .unwrap();
    let ttl = client
        .describe_time_to_live()
        .table_name(store.table())
        .send()
        .await
        .unwrap()
        .time_to_live_description
        .unwrap();

    let template = template();
    let table = &resources(&template)["Table"];
    assert_eq!(table["Type"], "AWS::DynamoDB::Table");
    let props = &table["Properties"];

    let attributes: BTreeSet<(String, String)> = described
        .attribute_definitions()
        .iter()
        .map(|a| {
            (
                a.attribute_name().to_owned(),
                a.attribute_type().as_str().to_owned(),
            )
        })
        .collect();
    let declared: BTreeSet<(String, String)> = props["AttributeDefinitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["AttributeName"].as_str().unwrap().to_owned(),
                a["AttributeType"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(declared, attributes);

    let keys = |schema: &[aws_sdk_dynamodb::types::KeySchemaElement]| -> Vec<(String, String)> {
        schema
            .iter()
            .map(|k| {
                (
                    k.attribute_name().to_owned(),
                    k.key_type().as_str().to_owned(),
                )
            })
            .collect()
    };
    let declared_keys = |schema: &Value| -> Vec<(String, String)> {
        schema
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                (
                    k["AttributeName"].as_str().unwrap().to_owned(),
                    k["KeyType"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(
        declared_keys(&props["KeySchema"]),
        keys(described.key_schema())
    );

    let indexes: BTreeMap<String, (Vec<(String, String)>, String)> = described
        .global_secondary_indexes()
        .iter()
        .map(|i| {
            (
                i.index_name().unwrap().to_owned(),
                (
                    keys(i.key_schema()),
                    format!(
                        "{} {:?}",
                        i.projection()
                            .and_then(|p| p.projection_type())
                            .unwrap()
                            .as_str(),
                        i.projection()
                            .map(|p| p.non_key_attributes().to_vec())
                            .unwrap_or_default()
                    ),
                ),
            )
        })
        .collect();
    let declared_indexes: BTreeMap<String, (Vec<(String, String)>, String)> =
        props["GlobalSecondaryIndexes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["IndexName"].as_str().unwrap().to_owned(),
                    (
                        declared_keys(&i["KeySchema"]),
                        format!(
                            "{} {:?}",
                            i["Projection"]["ProjectionType"].as_str().unwrap(),
                            i["Projection"]["NonKeyAttributes"]
                                .as_array()
                                .map(|a| a
                                    .iter()
                                    .map(|v| v.as_str().unwrap().to_owned())
                                    .collect::<Vec<_>>())
                                .unwrap_or_default()
                        ),
                    ),
                )
            })
            .collect();
    assert_eq!(declared_indexes, indexes);
    assert!(indexes.contains_key(DUE_INDEX));

    assert_eq!(
        props["BillingMode"],
        described
            .billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .unwrap()
            .as_str()
    );
    assert_eq!(ttl.attribute_name(), Some(TTL_ATTRIBUTE));
    assert_eq!(
        props["TimeToLiveSpecification"]["AttributeName"],
        TTL_ATTRIBUTE
    );
    assert_eq!(props["TimeToLiveSpecification"]["Enabled"], true);
    assert_eq!(
        props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"],
        true
    );
    assert_eq!(props["DeletionProtectionEnabled"], true);
    assert_eq!(table["DeletionPolicy"], "Retain");
}

/// The names the code reads with `std::env::var`/`var_os` in `files`. An argument may be
/// a string literal, a constant, or a parameter of a small helper (`required(name)`), in
/// which case the helper's callers in the same file give the names.
fn variables_read(files: &[PathBuf], constants: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap();
        for call in ["env::var(", "env::var_os("] {
            for (at, _) in source.match_indices(call) {
                let argument = argument_at(&source, at + call.len());
                if let Some(name) = resolve(argument, constants) {
                    names.insert(name);
                    continue;
                }
                let helper = enclosing_function(&source, at, argument)
                    .unwrap_or_else(|| panic!("{}: cannot resolve {argument}", file.display()));
                let callers: Vec<String> = source
                    .match_indices(&format!("{helper}("))
                    .filter(|(i, _)| !source[..*i].ends_with("fn "))
                    .map(|(i, m)| argument_at(&source, i + m.len()))
                    .map(|a| {
                        resolve(a, constants).unwrap_or_else(|| {
                            panic!("{}: cannot resolve {a} passed to {helper}", file.display())
                        })
                    })
                    .collect();
                assert!(
                    !callers.is_empty(),
                    "{}: {helper} is never called",
                    file.display()
                );
                names.extend(callers);
            }
        }
        // tracing-subscriber's EnvFilter reads RUST_LOG.
        if source.contains("EnvFilter::try_from_default_env") {
            names.insert("RUST_LOG".into());
        }
    }
    names
}

/// The first argument of the call whose parenthesis opens just before `from`.
fn argument_at(source: &str, from: usize) -> &str {
    source[from..].split([')', ',']).next().unwrap().trim()
}

/// A string literal's value, or the value of the constant it names.
fn resolve(argument: &str, constants: &BTreeMap<String, String>) -> Option<String> {
    match argument.strip_prefix('"') {
        Some(literal) => Some(literal.trim_end_matches('"').to_owned()),
        None => constants.get(argument.rsplit("::").next()?).cloned(),
    }
}

/// The name of the function around `at`, if `parameter` is one of its parameters.
fn enclosing_function<'a>(source: &'a str, at: usize, parameter: &str) -> Option<&'a str> {
    let start = source[..at].rfind("fn ")? + 3;
    let signature = &source[start..at];
    let name = signature.split('(').next()?.trim();
    signature
        .contains(&format!("({parameter}:"))
        .then_some(name)
}

/// Every `const NAME: &str = "value";` in `files`.
fn string_constants(files: &[PathBuf]) -> BTreeMap<String, String> {
    let mut constants = BTreeMap::new();
    for file in files {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            let Some(rest) = line
                .trim()
                .trim_start_matches("pub ")
                .strip_prefix("const ")
            else {
                continue;
            };
            if let Some((name, value)) = rest.split_once(": &str = \"") {
                constants.insert(
                    name.trim().to_owned(),
                    value.trim_end_matches("\";").to_owned(),
                );
            }
        }
    }
    constants
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_environment_variable_a_function_reads_is_set_and_no_other() {
    let src = workspace().join("functions/src");
    let mut all = Vec::new();
    rust_files(&src, &mut all);
    let constants = string_constants(&all);
    // The library, less what only the local `feedback` command and server run.
    let library: Vec<PathBuf> = all
        .iter()
        .filter(|p| !p.starts_with(src.join("bin")) && !p.ends_with("server.rs"))
        .cloned()
        .collect();
    let shared = variables_read(&library, &constants);
    assert!(
        shared.contains("TABLE_NAME") && shared.contains("FEEDBACK_CONFIG"),
        "the scan finds the variables the library reads: {shared:?}"
    );

    let template = template();
    for bin in lambda_binaries() {
        let mut wanted = shared.clone();
        wanted.extend(variables_read(
            &[src.join("bin").join(format!("{bin}.rs"))],
            &constants,
        ));
        let set: BTreeSet<String> =
            function(&template, &bin)["Properties"]["Environment"]["Variables"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
        assert_eq!(set, wanted, "the {bin} function's environment");
    }
    assert!(
        variables_read(&[src.join("bin/reminders.rs")], &constants)
            .contains("SES_CONFIGURATION_SET")
    );
}

#[test]
fn the_functions_find_the_config_and_the_secret_where_the_deployment_puts_them() {
    let template = template();
    for bin in lambda_binaries() {
        let variables = &function(&template, &bin)["Properties"]["Environment"]["Variables"];
        // The build zips config/ beside bootstrap; Lambda unpacks the zip into /var/task.
        let config = variables["FEEDBACK_CONFIG"].as_str().unwrap();
        let in_repo = config.strip_prefix("/var/task/").unwrap();
        let councils =
            feedback_functions::config::load_councils(&workspace().join(in_repo)).unwrap();
        assert!(!councils.is_empty());
        assert_eq!(variables["TABLE_NAME"], json!({ "Ref": "Table" }));
        assert_eq!(
            variables["STATUS_TOKEN_SECRET"],
            json!({ "Fn::Sub": "{{resolve:secretsmanager:${StatusTokenSecret}:SecretString}}" })
        );
    }
    // The secret is hex, as `lambda::api_app_from_env` decodes it: digits and a–f only.
    let generate = &resources(&template)["StatusTokenSecret"]["Properties"]["GenerateSecretString"];
    assert_eq!(generate["ExcludePunctuation"], true);
    assert_eq!(generate["ExcludeUppercase"], true);
    assert_eq!(generate["IncludeSpace"], false);
    let excluded = generate["ExcludeCharacters"].as_str().unwrap();
    let alphabet: String = ('a'..='z').filter(|c| !excluded.contains(*c)).collect();
    assert_eq!(alphabet, "abcdef");
    let length = generate["PasswordLength"].as_u64().unwrap();
    assert!(length % 2 == 0 && length >= 64, "{length} hex digits");
}

#[test]
fn every_lambda_binary_is_deployed_from_the_zip_the_build_writes() {
    let template = template();
    let functions = of_type(&template, "AWS::Serverless::Function");
    let binaries = lambda_binaries();
    assert_eq!(functions.len(), binaries.len());
    for bin in &binaries {
        let props = &function(&template, bin)["Properties"];
        // `cargo xtask build lambda` (xtask/src/lambda.rs) writes target/lambda/<bin>/bootstrap.zip.
        assert_eq!(
            props["CodeUri"],
            format!("../target/lambda/{bin}/bootstrap.zip")
        );
        assert_eq!(props["Handler"], "bootstrap");
        assert_eq!(props["Runtime"], "provided.al2023");
        assert_eq!(props["Architectures"], json!(["arm64"]));
        assert!(props["MemorySize"].as_u64().unwrap() >= 128);
        let log_group = props["LoggingConfig"]["LogGroup"]["Ref"].as_str().unwrap();
        let retention = &resources(&template)[log_group]["Properties"]["RetentionInDays"];
        assert_eq!(retention, &json!({ "Ref": "LogRetentionDays" }));
    }
}

/// A route of the HTTP API: method, path and authorizer.
#[derive(Debug)]
struct Route {
    method: String,
    path: String,
    authorizer: Option<String>,
}

impl Route {
    /// Whether this route's path pattern takes `path` (an OpenAPI path).
    fn takes(&self, method: &str, path: &str) -> bool {
        if self.method != "ANY" && !self.method.eq_ignore_ascii_case(method) {
            return false;
        }
        let mut mine = self.path.split('/');
        let mut theirs = path.split('/');
        loop {
            match (mine.next(), theirs.next()) {
                (None, None) => return true,
                (Some(m), Some(_)) if m.ends_with("+}") => return true,
                (Some(m), Some(t)) if m == t || (m.starts_with('{') && t.starts_with('{')) => {}
                _ => return false,
            }
        }
    }

    /// API Gateway prefers literal segments, then parameters, and greedy paths last; on
    /// one path, a route for the request's own method before `ANY`.
    fn specificity(&self) -> (bool, usize, usize, bool) {
        let greedy = self.path.contains("+}");
        let literal = self.path.split('/').filter(|s| !s.starts_with('{')).count();
        (
            !greedy,
            literal,
            self.path.split('/').count(),
            self.method != "ANY",
        )
    }
}

fn routes(template: &Value) -> Vec<Route> {
    function(template, "api")["Properties"]["Events"]
        .as_object()
        .unwrap()
        .values()
        .filter(|e| e["Type"] == "HttpApi")
        .map(|e| {
            let p = &e["Properties"];
            assert_eq!(p["ApiId"], json!({ "Ref": "Api" }));
            Route {
                method: p["Method"].as_str().unwrap().to_uppercase(),
                path: p["Path"].as_str().unwrap().to_owned(),
                authorizer: p["Auth"]["Authorizer"].as_str().map(str::to_owned),
            }
        })
        .collect()
}

/// Every operation of the API (method, OpenAPI path, whether it needs a bearer token),
/// with the two routes the document leaves out.
fn operations() -> Vec<(String, String, bool)> {
    let openapi = serde_json::to_value(feedback_functions::api::ApiDoc::openapi()).unwrap();
    let mut operations = vec![
        ("get".to_owned(), "/v1/openapi.json".to_owned(), false),
        ("get".to_owned(), "/healthz".to_owned(), false),
    ];
    for (path, item) in openapi["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let secured = operation["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            operations.push((method.clone(), path.clone(), secured));
        }
    }
    operations
}

/// The route API Gateway picks for `method path`.
fn chosen<'a>(routes: &'a [Route], method: &str, path: &str) -> &'a Route {
    routes
        .iter()
        .filter(|r| r.takes(method, path))
        .max_by_key(|r| r.specificity())
        .unwrap_or_else(|| panic!("no route takes {method} {path}"))
}

#[test]
fn cors_is_answered_by_the_function_alone_and_preflights_reach_it_without_a_token() {
    let template = template();
    let api = &resources(&template)["Api"]["Properties"];
    // API Gateway's own CORS would answer every listed origin on every council's routes,
    // and drop the function's CORS headers.
    assert!(
        api.get("CorsConfiguration").is_none(),
        "the HTTP API answers CORS itself: {}",
        api["CorsConfiguration"]
    );
    // Every route of the API is the api function's (the only one whose events `routes` reads).
    let api_function = function(&template, "api");
    for (name, other) in of_type(&template, "AWS::Serverless::Function") {
        let events = other["Properties"]["Events"].as_object();
        let on_api = events
            .into_iter()
            .flatten()
            .filter(|(_, e)| e["Type"] == "HttpApi")
            .count();
        if !std::ptr::eq(other, api_function) {
            assert_eq!(on_api, 0, "{name} has routes on the API");
        }
    }
    let routes = routes(&template);
    let public: Vec<_> = operations().into_iter().filter(|o| !o.2).collect();
    assert!(
        public
            .iter()
            .any(|(_, p, _)| p == "/v1/councils/{council}/feedback"),
        "the public operations are found: {public:?}"
    );
    for (_, path, _) in &public {
        let route = chosen(&routes, "OPTIONS", path);
        assert_eq!(
            route.authorizer, None,
            "a preflight for {path} would need a token: {route:?}"
        );
        assert_eq!(
            route.method, "OPTIONS",
            "preflights for {path} have a route of their own, whatever the catch-all needs: {route:?}"
        );
    }
}

#[test]
fn officer_routes_need_a_cognito_token_and_public_routes_do_not() {
    let template = template();
    let api = &resources(&template)["Api"]["Properties"];
    assert!(
        api["Auth"]["DefaultAuthorizer"].is_null(),
        "no default authorizer: public routes stay public"
    );
    let (name, jwt) = api["Auth"]["Authorizers"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    assert_eq!(
        jwt["JwtConfiguration"]["issuer"],
        json!({ "Fn::Sub": "https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}" })
    );
    assert_eq!(
        jwt["JwtConfiguration"]["audience"],
        json!([{ "Ref": "UserPoolClient" }])
    );

    let routes = routes(&template);
    let operations = operations();
    assert!(operations.iter().filter(|o| o.2).count() >= 7);
    for (method, path, secured) in &operations {
        let chosen = chosen(&routes, method, path);
        if *secured {
            assert_eq!(
                chosen.authorizer.as_deref(),
                Some(name.as_str()),
                "{method} {path} is an officer route: {chosen:?}"
            );
            assert!(
                !chosen.path.contains("+}"),
                "{method} {path} has a route of its own"
            );
        } else {
            assert_eq!(
                chosen.authorizer, None,
                "{method} {path} is public: {chosen:?}"
            );
        }
    }
    // Every route with the authorizer is an officer operation of the API.
    for route in routes.iter().filter(|r| r.authorizer.is_some()) {
        assert!(
            operations.iter().any(|(m, p, secured)| *secured
                && m.eq_ignore_ascii_case(&route.method)
                && *p == route.path),
            "{route:?} is not an officer operation"
        );
    }
}

#[test]
fn cognito_groups_are_named_as_the_api_reads_them() {
    let template = template();
    let (_, each) = resources(&template)
        .iter()
        .find(|(name, _)| name.starts_with("Fn::ForEach::"))
        .expect("one pair of groups per council");
    let each = each.as_array().unwrap();
    assert_eq!(each[1], json!({ "Ref": "Councils" }));
    let variable = each[0].as_str().unwrap();
    let mut granted = Vec::new();
    for group in each[2].as_object().unwrap().values() {
        assert_eq!(group["Type"], "AWS::Cognito::UserPoolGroup");
        let name = group["Properties"]["GroupName"]["Fn::Sub"]
            .as_str()
            .unwrap();
        granted.extend(parse_groups(
            &name.replace(&format!("${{{variable}}}"), "demo"),
        ));
    }
    granted.sort_by_key(|(_, role)| *role);
    assert_eq!(
        granted
            .iter()
            .map(|(c, r)| (c.as_str(), *r))
            .collect::<Vec<_>>(),
        [("demo", Role::Officer), ("demo", Role::Manager)]
    );
}

#[test]
fn the_reminder_job_runs_every_quarter_hour_and_lets_go_of_its_lease_in_time() {
    let template = template();
    let reminders = &function(&template, "reminders")["Properties"];
    let timeout = reminders["Timeout"].as_i64().unwrap();
    let lease = feedback_functions::jobs::delivery::LEASE.whole_seconds();
    assert!(timeout < lease, "timeout {timeout} s, lease {lease} s");

    let schedules = of_type(&template, "AWS::Scheduler::Schedule");
    assert_eq!(schedules.len(), 1);
    let schedule = &schedules[0].1["Properties"];
    assert_eq!(schedule["ScheduleExpression"], "rate(15 minutes)");
    let target = &schedule["Target"];
    assert_eq!(
        target["Arn"],
        json!({ "Fn::GetAtt": ["RemindersFunction", "Arn"] })
    );
    assert!(
        target["RetryPolicy"]["MaximumRetryAttempts"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let queue = &target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0];
    assert_eq!(
        resources(&template)[queue.as_str().unwrap()]["Type"],
        "AWS::SQS::Queue"
    );
    // A message in that queue raises an alarm.
    assert!(
        of_type(&template, "AWS::CloudWatch::Alarm")
            .iter()
            .any(|(_, a)| {
                a["Properties"]["Namespace"] == "AWS/SQS"
                    && a["Properties"]["Dimensions"][0]["Value"]["Fn::GetAtt"][0] == *queue
            })
    );
}

/// The IAM actions a `Statement` grants on `resource` (a `GetAtt` or `Sub` of the table).
fn granted(role: &Value, resource: &Value) -> BTreeSet<String> {
    let mut actions = BTreeSet::new();
    for policy in role["Properties"]["Policies"].as_array().unwrap() {
        for statement in policy["PolicyDocument"]["Statement"].as_array().unwrap() {
            if statement["Resource"] != *resource {
                continue;
            }
            match &statement["Action"] {
                Value::String(a) => {
                    actions.insert(a.clone());
                }
                Value::Array(list) => {
                    actions.extend(list.iter().map(|a| a.as_str().unwrap().to_owned()));
                }
                other => panic!("unexpected Action {other}"),
            }
        }
    }
    actions
}

#[test]
fn the_roles_grant_the_dynamodb_actions_the_adapter_uses_and_no_more() {
    let src = workspace().join("functions/src");
    let adapter_dir = src.join("store/dynamodb");
    let mut adapter_files = Vec::new();
    rust_files(&adapter_dir, &mut adapter_files);
    let adapter: String = adapter_files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    // What each SDK call is authorised as. Items inside TransactWriteItems are checked as
    // their single-item actions (DynamoDB's "Using IAM with transactions").
    let calls = [
        (".get_item()", "dynamodb:GetItem"),
        (".put_item()", "dynamodb:PutItem"),
        ("Put::builder()", "dynamodb:PutItem"),
        (".update_item()", "dynamodb:UpdateItem"),
        ("Update::builder()", "dynamodb:UpdateItem"),
        (".delete_item()", "dynamodb:DeleteItem"),
        ("Delete::builder()", "dynamodb:DeleteItem"),
        ("ConditionCheck::builder()", "dynamodb:ConditionCheckItem"),
        (".query()", "dynamodb:Query"),
        (".scan()", "dynamodb:Scan"),
        (".batch_get_item()", "dynamodb:BatchGetItem"),
        (".transact_get_items()", "dynamodb:GetItem"),
    ];
    let needed: BTreeSet<String> = calls
        .iter()
        .filter(|(call, _)| adapter.contains(call))
        .map(|(_, action)| (*action).to_owned())
        .collect();
    // Creating the table and bulk loading are for tests and benchmarks (CloudFormation
    // makes the table): nothing the functions run may call them.
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for file in files.iter().filter(|f| !f.starts_with(&adapter_dir)) {
        let source = std::fs::read_to_string(file).unwrap();
        for setup in [".create_table(", ".bulk_load(", ".update_time_to_live("] {
            assert!(!source.contains(setup), "{} calls {setup}", file.display());
        }
    }

    let template = template();
    let table = json!({ "Fn::GetAtt": ["Table", "Arn"] });
    let index = json!({ "Fn::Sub": format!("${{Table.Arn}}/index/{DUE_INDEX}") });
    let retention_index = json!({ "Fn::Sub": format!("${{Table.Arn}}/index/{RETENTION_INDEX}") });
    let mut union = BTreeSet::new();
    let mut index_readers = Vec::new();
    let mut retention_readers = Vec::new();
    for bin in lambda_binaries() {
        let role_name = function(&template, &bin)["Properties"]["Role"]["Fn::GetAtt"][0]
            .as_str()
            .unwrap()
            .to_owned();
        let role = &resources(&template)[&role_name];
        let on_table = granted(role, &table);
        assert!(
            on_table.is_subset(&needed),
            "{bin} may do more than the adapter does: {:?}",
            on_table.difference(&needed).collect::<Vec<_>>()
        );
        union.extend(on_table);
        if granted(role, &retention_index) == BTreeSet::from(["dynamodb:Query".to_owned()]) {
            retention_readers.push(bin.clone());
        }
        let on_index = granted(role, &index);
        if !on_index.is_empty() {
            assert_eq!(on_index, BTreeSet::from(["dynamodb:Query".to_owned()]));
            index_readers.push(bin);
        }
    }
    assert_eq!(
        union, needed,
        "every action the adapter uses is granted to some function"
    );
    // Only the reminder job reads the due-index (`DynamoStore::due_on`).
    assert!(adapter.contains(".index_name(DUE_INDEX)"));
    assert_eq!(index_readers, ["reminders"]);
    // And the retention index, the retention job (`store::dynamodb::retention`).
    assert!(adapter.contains(".index_name(RETENTION_INDEX)"));
    assert_eq!(retention_readers, ["reminders"]);
}

/// `text` with each `${Name}` of a `!Sub` replaced by `sample(Name)`.
fn substitute(text: &str, sample: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("a closed ${…}") + start;
        out.push_str(&sample(&rest[start + 2..end]));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_console_is_served_under_console_and_signs_in_through_the_hosted_ui() {
    let template = template();
    let r = resources(&template);
    let sample = |name: &str| match name {
        "Api" => "a1b2c3".to_owned(),
        "AWS::Region" => "eu-west-2".to_owned(),
        "AWS::URLSuffix" => "amazonaws.com".to_owned(),
        "UserPoolDomain" => "feedback-5d0c".to_owned(),
        "UserPoolClient" => "client123".to_owned(),
        "WidgetDistribution.DomainName" => "d111.cloudfront.net".to_owned(),
        other => panic!("unexpected ${{{other}}}"),
    };

    // What the deployer writes to console/config.json is what the console reads.
    let config = template["Outputs"]["ConsoleConfig"]["Value"]["Fn::Sub"]
        .as_str()
        .expect("ConsoleConfig is a !Sub string");
    let settings: feedback_shared::wire::ConsoleSettings =
        serde_json::from_str(&substitute(config, sample)).expect("config.json parses");
    assert_eq!(
        settings.api.as_deref(),
        Some("https://a1b2c3.execute-api.eu-west-2.amazonaws.com")
    );
    let hosted = settings.hosted_sign_in.expect("a hosted sign-in");
    assert_eq!(
        hosted.domain,
        "https://feedback-5d0c.auth.eu-west-2.amazoncognito.com"
    );
    assert_eq!(hosted.client_id, "client123");

    // The client: a public one, code flow only, back to the console's one address (the
    // console sends `{origin}/console/` as its redirect_uri).
    let client = &r["UserPoolClient"]["Properties"];
    assert_eq!(client["GenerateSecret"], json!(false));
    assert_eq!(client["AllowedOAuthFlows"], json!(["code"]));
    assert_eq!(client["AllowedOAuthFlowsUserPoolClient"], json!(true));
    for list in ["CallbackURLs", "LogoutURLs"] {
        let urls = client[list].as_array().unwrap();
        assert_eq!(urls.len(), 1, "{list}");
        assert_eq!(
            substitute(urls[0]["Fn::Sub"].as_str().unwrap(), sample),
            "https://d111.cloudfront.net/console/",
            "{list}"
        );
    }
    assert_eq!(
        r["UserPoolDomain"]["Properties"]["UserPoolId"],
        json!({"Ref": "UserPool"})
    );

    // /console/* is the console's: every page its index.html, under its own CSP that lets
    // it reach the API and the hosted sign-in's token endpoint.
    let behaviors = r["WidgetDistribution"]["Properties"]["DistributionConfig"]["CacheBehaviors"]
        .as_array()
        .unwrap();
    let console = behaviors
        .iter()
        .find(|b| b["PathPattern"] == "/console/*")
        .expect("a /console/* behaviour");
    assert_eq!(console["TargetOriginId"], "widget");
    assert_eq!(
        console["FunctionAssociations"][0],
        json!({"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": ["ConsoleRouter", "FunctionARN"]}})
    );
    assert_eq!(
        console["ResponseHeadersPolicyId"],
        json!({"Ref": "ConsoleHeaders"})
    );
    let code = r["ConsoleRouter"]["Properties"]["FunctionCode"]
        .as_str()
        .unwrap();
    assert!(code.contains("'/console/index.html'"), "{code}");
    let csp = substitute(
        r["ConsoleHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
            ["ContentSecurityPolicy"]["ContentSecurityPolicy"]["Fn::Sub"]
            .as_str()
            .unwrap(),
        sample,
    );
    let connect = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("connect-src"))
        .unwrap();
    assert!(
        connect.contains(&hosted.domain),
        "the token endpoint: {connect}"
    );
    assert!(
        connect.contains("https://*.execute-api.eu-west-2.amazonaws.com"),
        "the API: {connect}"
    );
    // Everything else as strict as the local server's console.
    let local = feedback_functions::server::CONSOLE_CSP;
    for directive in local.split(';').map(str::trim) {
        if !directive.starts_with("connect-src") {
            assert!(csp.contains(directive), "{directive} missing from {csp}");
        }
    }
}
