// Publieke Woningbouwkaart, /embed: tells the page that embeds this view how tall its content
// is, so that page can size the iframe (see "Op je eigen site" in the README). The message goes
// only to the parent window and holds nothing but the height:
//   { type: "woningbouwkaart:hoogte", hoogte: <CSS pixels> }
(function () {
  if (window.parent === window) return;
  var root = document.querySelector(".embed") || document.body;
  var last = -1;
  function send() {
    // The content's bottom edge on the page, plus the body's margin below it.
    var below = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
    var height = Math.ceil(root.getBoundingClientRect().bottom + window.scrollY + below);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "woningbouwkaart:hoogte", hoogte: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(send).observe(root);
  window.addEventListener("load", send);
  send();
})();
