//! The report's style sheet: readable on screen, and printed on A4 with sections kept
//! whole and tables' headings repeated.

pub(super) const STYLE: &str = "\
:root { color: #0b0c0c; background: #fff; }
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #0b0c0c; }
h3 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p { margin: .5rem 0; }
a { color: #1d70b8; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.period, .note { color: #505a5f; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.25rem; font-size: .95rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #0b0c0c; }
tbody th { min-width: 5rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
.headlines { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: .75rem; margin: .5rem 0 1rem; }
.headlines div { border-left: 4px solid #1d70b8; padding: .25rem .75rem; }
.headlines dt { font-size: .9rem; }
.headlines dd { margin: 0; font-size: 1.3rem; font-weight: bold; }
table, figure, .headlines, .keep { break-inside: avoid; page-break-inside: avoid; }
tr { break-inside: avoid; page-break-inside: avoid; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
thead { display: table-header-group; }
@page { size: A4; margin: 15mm }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  .council + .council { break-before: page; page-break-before: always; }
  a { color: #0b0c0c; text-decoration: none; }
}
";
