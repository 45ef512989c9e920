// Package notify sends messages to people outside the system: today text
// messages (SMS), later WeCom and e-mail.
//
// Every channel is a small interface with a documented contract, so a real
// provider (a carrier's or a cloud SMS gateway) can be plugged in by the
// application's wiring without touching the modules that send. Government
// intranets are closed, so each channel also has a clearly named local
// simulator: ConsoleSMS prints messages for the demo, RecordingSMS keeps
// them in memory for tests.
package notify
