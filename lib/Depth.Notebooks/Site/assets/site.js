// Renders math (KaTeX auto-render over Markdig's .math spans) and highlights code (highlight.js).
// Runs at the end of <body>, after katex.min.js, auto-render.min.js and highlight.min.js; needs no network.
(function () {
  "use strict";
  var delimiters = [
    { left: "\\[", right: "\\]", display: true },
    { left: "\\(", right: "\\)", display: false }
  ];
  document.querySelectorAll(".math").forEach(function (el) {
    // A parse error is logged with console.error by auto-render, so the browser test sees broken math.
    renderMathInElement(el, { delimiters: delimiters });
  });
  document.querySelectorAll("pre code[class*='language-']").forEach(function (el) {
    var lang = (el.className.match(/language-([\w#+-]+)/) || [])[1];
    if (lang && hljs.getLanguage(lang)) hljs.highlightElement(el);
  });
})();

// Front page: each lesson's thumbnail is a static plotly.js drawing (no hover, no zoom, no mode bar) of the figure
// the page carries as JSON; nothing is fetched.
(function () {
  "use strict";
  if (typeof Plotly !== "object") return;
  document.querySelectorAll(".preview > script.preview-figure").forEach(function (data) {
    var figure = JSON.parse(data.textContent);
    var box = document.createElement("div");
    box.className = "preview-plot";
    data.parentNode.appendChild(box);
    Plotly.newPlot(box, figure.data, figure.layout, { staticPlot: true, displayModeBar: false, responsive: false });
  });
})();
