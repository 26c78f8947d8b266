"use strict";
/**
 * The store port: the five verbs every adapter implements (append, read a stream, read all,
 * subscribe to all, delete). Revisions and positions are `bigint`; reads are async iterables so
 * a long history streams through constant memory.
 *
 * Payloads cross the port as JSON text. The kernel encodes and decodes them, so a malformed
 * stored event is met by the decoder (and named) instead of by the adapter.
 */
Object.defineProperty(exports, "__esModule", { value: true });
