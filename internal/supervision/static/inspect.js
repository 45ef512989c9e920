// Fills the position fields of the inspection pages from the phone's GPS.
// On the task list it reloads once with ?lat&lng so tasks sort by distance.
(function () {
  "use strict";
  if (!navigator.geolocation) { return; }
  var lat = document.getElementById("f-lat");
  var lng = document.getElementById("f-lng");
  var list = document.querySelector("[data-locate-list]");
  var status = document.getElementById("locate-status");
  if (!lat && !list) { return; }
  if (list && new URLSearchParams(location.search).has("lat")) { return; }
  navigator.geolocation.getCurrentPosition(function (p) {
    var la = p.coords.latitude.toFixed(6), ln = p.coords.longitude.toFixed(6);
    if (lat && lng) {
      lat.value = la; lng.value = ln;
      if (status) { status.textContent = "已定位（精度约" + Math.round(p.coords.accuracy) + "米）"; }
      return;
    }
    location.search = "?lat=" + la + "&lng=" + ln;
  }, function () {
    if (status) { status.textContent = "无法获取定位，请允许浏览器使用位置信息，或手动填写经纬度"; }
  }, { enableHighAccuracy: true, timeout: 15000 });
})();
