"use strict";
// Same API and results as crc-32 1.2.2 (signed 32-bit values, optional seed),
// computed by zlib's native CRC-32 instead of JavaScript.
const zlib = require("node:zlib");

function buf(data, seed) {
  return zlib.crc32(data, seed === undefined ? 0 : seed >>> 0) | 0;
}

function str(text, seed) {
  return buf(Buffer.from(String(text), "utf8"), seed);
}

function bstr(text, seed) {
  return buf(Buffer.from(String(text), "latin1"), seed);
}

module.exports = { version: "1.2.2-native", buf, str, bstr };
