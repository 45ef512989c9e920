// "Use my position" on the work-order forms: fills the latitude and
// longitude fields from the phone's GPS (no map tiles are reachable from
// the government network, so there is no map to pick on).
(function () {
  "use strict";
  var button = document.getElementById("locate");
  var lat = document.getElementById("f-lat");
  var lng = document.getElementById("f-lng");
  var status = document.getElementById("locate-status");
  if (!button || !lat || !lng) { return; }
  if (!navigator.geolocation) {
    button.disabled = true;
    if (status) { status.textContent = "此浏览器不支持定位，请选择所在社区或填写地址"; }
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    if (status) { status.textContent = "正在获取定位…"; }
    navigator.geolocation.getCurrentPosition(function (p) {
      lat.value = p.coords.latitude.toFixed(6);
      lng.value = p.coords.longitude.toFixed(6);
      if (status) { status.textContent = "已定位（精度约" + Math.round(p.coords.accuracy) + "米），将按位置估算所在社区"; }
    }, function () {
      if (status) { status.textContent = "无法获取定位，请允许浏览器使用位置信息，或选择所在社区、填写地址"; }
    }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
