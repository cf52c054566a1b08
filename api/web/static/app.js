// bienban web page: small niceties on top of plain HTML forms and links.
// Everything works without this file: links jump to #item-… and forms post as usual.
(function () {
  "use strict";

  // Item links: scroll to the highlighted sentence and move the keyboard focus onto it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.goto") : null;
    if (!link || !link.hash) return;
    var mark = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!mark) return;
    event.preventDefault();
    if (location.hash !== link.hash) history.pushState(null, "", link.hash);
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    mark.classList.add("current");
    var smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    mark.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    mark.focus({ preventScroll: true });
  });

  // Ask before deleting.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // Uploading: the analysis takes a few seconds; say so and avoid a second submission.
    var busy = form.getAttribute("data-busy");
    if (busy) {
      var button = form.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
        button.textContent = busy;
      }
      form.setAttribute("aria-busy", "true");
    }
  });

  // Back from the next page (bfcache): the upload button is usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      var button = form.querySelector("button[type=submit]");
      if (button && button.disabled) {
        button.disabled = false;
        button.textContent = button.getAttribute("data-label") || "Phân tích";
      }
      form.removeAttribute("aria-busy");
    });
  });

  // Show the chosen file's name and size next to the file input.
  document.querySelectorAll("input[type=file][data-show-name]").forEach(function (input) {
    var out = document.getElementById(input.getAttribute("data-show-name"));
    if (!out) return;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      out.textContent = file
        ? "Đã chọn: " + file.name + " (" + Math.max(1, Math.round(file.size / 1024)).toLocaleString("vi-VN") + " KB)"
        : "";
    });
  });
})();
