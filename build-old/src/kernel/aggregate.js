"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.streamIdOf = void 0;
const streamIdOf = (aggregateName, id) => `${aggregateName}-${id}`;
exports.streamIdOf = streamIdOf;
