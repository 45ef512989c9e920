// Package open311 serves the work orders as Open311 GeoReport v2 at
// /open311/v2, so that any GeoReport client — a city app, the 12345
// platform's connector, a researcher's script — can list the district's
// request types, file requests and follow them. Both formats of the spec
// are served, chosen by the path's extension: XML (required by the spec)
// and JSON (the Spark convention: top-level arrays).
//
//   - discovery.{xml,json}: the service discovery document.
//   - services.{xml,json}: one service per leaf of the published category
//     tree (service_code is the category code, group its top-level
//     category, metadata true when it has extra fields, type realtime).
//   - services/{code}.{xml,json}: the service definition, one attribute
//     per extra field of the category (Open311's datatypes are the
//     categories' field types).
//   - POST requests.{xml,json}: files an order with an API key (the
//     api_key parameter; keys are the intake keys administrators create in
//     the console, and name the channel the order is recorded under). The
//     order is created at once, so the answer is its service_request_id
//     (the order number, GD…).
//   - GET requests.{xml,json}: the orders filed in a window of at most 90
//     days (the last 90 days by default), filtered by service_request_id,
//     service_code and status, paged with page and page_size (the common
//     extension; at most 1,000 a page, the spec's default limit).
//   - requests/{id}.{xml,json} and tokens/{token}.{xml,json}: one order;
//     requests are realtime, so a token is the service_request_id itself.
//
// Status: open while the order is being worked on, closed once it is
// resolved (已办结) or closed (已关闭); status_notes say the public state
// and the outcome (已解决, 未解决, 重复诉求（已并单）…).
//
// Privacy: the responses never hold the requester (name, phone, account)
// nor the typed address, which may be a home: address is the order's
// street and community, address_id the community's code, lat/long are
// rounded to 0.001°, and digit runs that may be phone or ID numbers are
// masked in the description (workorder.PublicOrder). The POST parameters
// email, device_id, account_id and media_url are accepted and not kept:
// nothing is fetched from outside at run time.
//
// Errors follow the spec: 403 for a missing or wrong api_key, 404 for an
// unknown resource, service_code or jurisdiction_id, 400 for everything
// else, with errors [{code, description}] (code is the HTTP status; the
// description names the parameter, in Chinese).
package open311
