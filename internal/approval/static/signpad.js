// Handwritten signature pad of the submission page: draws with finger or
// mouse on the canvas and, on submit, puts the drawing as a PNG data URL in
// the hidden "handwriting" field. Without JavaScript the pad stays hidden
// and the electronic signature alone is made.
(function () {
  "use strict";
  var canvas = document.getElementById("sig-pad");
  var field = document.getElementById("sig-data");
  var clear = document.getElementById("sig-clear");
  if (!canvas || !field || !canvas.getContext) { return; }
  canvas.closest(".sig").hidden = false;
  var ctx = canvas.getContext("2d");
  var drawn = false, down = false;
  ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.strokeStyle = "#111";
  function at(e) {
    var r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  }
  canvas.addEventListener("pointerdown", function (e) {
    down = true; var p = at(e); ctx.beginPath(); ctx.moveTo(p[0], p[1]); canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!down) { return; }
    var p = at(e); ctx.lineTo(p[0], p[1]); ctx.stroke(); drawn = true;
  });
  canvas.addEventListener("pointerup", function () { down = false; });
  clear.addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height); drawn = false; field.value = "";
  });
  canvas.closest("form").addEventListener("submit", function () {
    field.value = drawn ? canvas.toDataURL("image/png") : "";
  });
})();
