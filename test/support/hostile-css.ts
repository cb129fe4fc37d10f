/**
 * A CMS theme at its worst, for the end-to-end tests: every element reset, huge inherited fonts,
 * hidden form controls, buttons, divs and tables, transparent text. Without `!important` on
 * what the widgets render (a page can always win with `!important` on a light-DOM element); the
 * page's own links get one, as real themes do.
 */
export const HOSTILE_CSS = `
* { all: unset; }
* { box-sizing: content-box; }
html { font-size: 40px; }
body { font-size: 250%; line-height: 3; color: #fff; background: #fff; }
/* The page keeps its own structure; everything inside the widgets stays reset. */
main, article, header, footer, nav, div, section, figure, aside { display: block; }
.panel div, figure div, aside div, form div { display: none; }
p, span, label, h1, h2, h3, strong { font-size: 4rem; color: transparent; letter-spacing: 1em; }
input, select, textarea { display: none; opacity: 0; width: 1px; height: 1px; }
button { visibility: hidden; pointer-events: none; position: absolute; left: -9999px; }
form { display: none; }
table, thead, tbody, tr, td, th { display: block; color: transparent; font-size: 0; }
a { color: #fff !important; }
[class*="strefa"] { display: none; }
resident-login, rent-components, ledger-accounts { line-height: 5; letter-spacing: 0.5em; }
`;
