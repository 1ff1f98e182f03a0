// 批注: selecting text inside the item's body fills the comment form's quote and its offset in the body.
// Without this script the reviewer pastes the quote and the server finds where it is.
(function () {
  "use strict";
  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(root);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  document.addEventListener("mouseup", pick);
  document.addEventListener("keyup", pick);
  function pick() {
    document.querySelectorAll("form[data-passage-text]").forEach(function (form) {
      var root = document.querySelector(form.dataset.passageText);
      var selection = window.getSelection();
      if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
      var range = selection.getRangeAt(0);
      if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) { return; }
      var text = range.toString();
      var start = offsetIn(root, range.startContainer, range.startOffset);
      var lead = text.length - text.replace(/^\s+/, "").length;
      text = text.trim();
      if (!text) { return; }
      form.querySelector("[data-passage-quote]").value = text;
      form.querySelector("[data-passage-start]").value = start + lead;
    });
  }
  // Typing or pasting a quote by hand: the offset no longer belongs to it.
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-passage-quote]")) {
      var start = event.target.form.querySelector("[data-passage-start]");
      if (start) { start.value = ""; }
    }
  });
  // Adding a comment reloads the decision form: the opinion typed so far is kept in this tab until signed.
  var opinionKey = "sanshen-opinion:" + location.pathname;
  document.addEventListener("DOMContentLoaded", function () {
    var opinion = document.querySelector("textarea[name=opinion]");
    if (!opinion) { return; }
    if (!opinion.value && sessionStorage.getItem(opinionKey)) { opinion.value = sessionStorage.getItem(opinionKey); }
    opinion.addEventListener("input", function () { sessionStorage.setItem(opinionKey, opinion.value); });
    opinion.form.addEventListener("submit", function () { sessionStorage.removeItem(opinionKey); });
  });
})();
