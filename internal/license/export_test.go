package license

// QRModules exposes the QR encoder to the tests.
var QRModules = qrModules
