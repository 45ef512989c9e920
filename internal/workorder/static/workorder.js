// "Use my position" on the work-order forms: fills the latitude and
// longitude fields from the phone's GPS.
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

// The schematic map of the district on the request forms: a tap gives a
// position inside the district's box; a tap on a community's dot also
// chooses that community. Without scripts the map stays hidden and the
// community list and address do the job.
(function () {
  "use strict";
  var fig = document.getElementById("place-map");
  var lat = document.getElementById("f-lat");
  var lng = document.getElementById("f-lng");
  var community = document.getElementById("f-community");
  var status = document.getElementById("locate-status");
  if (!fig || !lat || !lng) { return; }
  var svg = fig.querySelector("svg");
  var marker = document.getElementById("map-marker");
  var box = {
    minLat: parseFloat(fig.dataset.minLat), maxLat: parseFloat(fig.dataset.maxLat),
    minLng: parseFloat(fig.dataset.minLng), maxLng: parseFloat(fig.dataset.maxLng),
    width: parseFloat(fig.dataset.width), height: parseFloat(fig.dataset.height)
  };
  fig.hidden = false;
  function place(x, y) {
    marker.setAttribute("cx", x);
    marker.setAttribute("cy", y);
    marker.setAttribute("visibility", "visible");
  }
  svg.addEventListener("click", function (ev) {
    var pt = svg.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    var p = pt.matrixTransform(svg.getScreenCTM().inverse());
    var dot = ev.target.closest ? ev.target.closest(".map-community") : null;
    if (dot) {
      lat.value = dot.dataset.lat;
      lng.value = dot.dataset.lng;
      if (community) { community.value = dot.dataset.code; }
      place(dot.getAttribute("cx"), dot.getAttribute("cy"));
      if (status) { status.textContent = "已选择" + dot.textContent.trim() + "（示意位置）"; }
      return;
    }
    // Linear in both axes: the drawing is an equirectangular projection.
    lat.value = (box.maxLat - p.y / box.height * (box.maxLat - box.minLat)).toFixed(6);
    lng.value = (box.minLng + p.x / box.width * (box.maxLng - box.minLng)).toFixed(6);
    if (community) { community.value = ""; }
    place(p.x, p.y);
    if (status) { status.textContent = "已在示意图上选点，将按位置估算所在社区"; }
  });
})();
