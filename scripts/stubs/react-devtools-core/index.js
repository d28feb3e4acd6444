// Ink connects to React DevTools only under DEV=true, which keel never sets.
module.exports = {
  initialize() {},
  connectToDevTools() {},
};
