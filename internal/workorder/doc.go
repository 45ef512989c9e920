// Package workorder is the work-order engine (工单) of the palm cloud
// community: every resident request from every channel — the resident H5
// form and the property request form (物业报事), hotline calls (12345,
// 96106) and home visits (大走访) entered by staff, grid reports, other
// systems through an API key — becomes one order that is dispatched, timed,
// handled, closed and measured. docs/workorder-design.md is the full
// design; this is the map.
//
// Part 1 (this code) is intake and the core the other parts build on:
//
//   - Order: a number GD + China date + six-digit daily sequence, the
//     channel, the category and the version of the category tree it was
//     filed under, the category's extra field values, text, photos
//     (encrypted in platform/files, JPEG/PNG by content, 20 MB each, nine
//     at most), a position inside the district or a typed address, the
//     street, community and grid it belongs to, the urgency, the requester
//     (a resident's account, or a caller's name and phone: SM4-encrypted,
//     the phone blind-indexed, masked on screens; anonymous orders hide the
//     requester from every handler), its state and outcome.
//   - State machine as data (Machine): states (filed, assigned, pooled,
//     returned, handling, parked, verifying, resolved, closed) and outcomes
//     kept apart (fixed, not_fixed, not_ours, duplicate, referred,
//     cancelled). Every change is one row of Machine, recorded by
//     Service.record as an append-only event (kind, actor, role, unit,
//     time, payload) with optimistic locking on the order's version: the
//     measures are computed from these events, never from counters.
//   - Hooks: OnFiled (in the filing transaction: dispatch, clocks) and
//     OnEvent (after every event: clocks stop and pause, notices).
//   - Place: the community chosen by the requester or staff wins; else
//     the nearest approximate community centre (a deterministic demo
//     spread around the street centres: no community polygons exist
//     offline) within the nearest street; else a community named in the
//     address. The grid is staff's choice or the community's first grid.
//   - Categories: a versioned tree (draft, published, retired) with extra
//     fields typed like Open311 attributes, a default handler rule, first
//     response and resolution limits in hours or working days with their
//     source (the book's figures, or 演示值), urgency options with
//     shorter limits, a 核查 flag and the GB/T 30428.2 部件/事件 class;
//     edited as JSON in the console or through Excel (all or nothing,
//     every bad cell reported), published by administrators.
//   - Intake API with API keys (only their SM3 digest is stored; a key
//     names its channel), Idempotency-Key at the HTTP layer and in the
//     database (one order per caller and key, even under concurrency), and
//     machine reasons for every bad field beside the Chinese messages.
//
// Permissions (authz actions): residents and enterprise users file and see
// their own; front desk, grid workers and property staff enter orders for
// others anywhere in the district (intake is not jurisdiction) and see the
// orders of their scope, with the requester masked and the phone revealed
// on request (audited); leaders and administrators see orders without the
// person; administrators edit categories and API keys.
//
// Later parts, in this package: dispatch (派单目录, grab pool, 主办/协办,
// 退单/改派), working-time clocks (warnings, 催办, escalation, 延期,
// 挂账), handling, 核查, 回访, reopening and merging duplicates, measures
// from the events, and Open311 GeoReport v2. Migration 0022 already holds
// their tables.
//
// Handling and closure (handle*.go, close*.go, followup*.go,
// duplicate*.go, redact*.go): only the assigned unit's handlers note,
// photograph and close; outcomes stay apart and closing needs the proof
// the rules ask for; 核查 by someone outside the unit; 回访 by the
// requester or staff on the five satisfaction levels; reopening within a
// window after 办结; duplicates suggested by category, distance and time
// and merged (并单) with every requester following the survivor; public
// events notified to the requesters; photos redacted with the original
// kept for administrators only.
//
// Clocks (clock*.go, sla*.go): first response and resolution clocks per
// order, in wall-clock hours or working days over the holiday calendar,
// started at filing and stopped, paused and resumed by the order's
// events; early warning, 催办 and escalation to the supervisors through
// River jobs; 延期 and 挂账 asked by the handling unit and decided by a
// supervisor, with a reminder on the parking's review date.
//
// Dispatch (dispatch*.go): a versioned catalogue (派单目录) of rules
// category × place → unit (community, grid, street, department, the
// estate's property company; a street's enforcement team) and mode
// (direct, a grab pool taken by the first nearby available worker with a
// conditional UPDATE, 主办/协办), the category's default handler when no
// rule matches; orders dispatched in their filing transaction
// (EnableDispatch); 签收, 抢单 and 退单 by the units' staff, review of
// returns (改派 or 维持) by the district and street centres' dispatchers;
// a department's matter goes to a community only where a rule allows it.
//
// Measures (measure*.go, board*.go, export.go): one row per order in
// workorder_measures, refolded from all the order's events after each
// event (and recomputable from them at any time), summed into response,
// resolution, satisfaction and on-time rates and average handling time by
// unit, community, street, category and day, week or month for leaders
// within their grants; exported as CSV and Excel; a board of the orders
// about to lapse or overdue for staff. generate*.go writes realistic
// orders with their whole histories in bulk for load tests and demos.
package workorder
