"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.samePost = exports.describePost = exports.Post = void 0;
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("./party");
/**
 * A position that exists apart from whoever holds it: "Federal Minister for Interior" of `PK`.
 * The holder's name is optional: it may change while the post stays, and personal data may have
 * to be erased later.
 */
exports.Post = (0, primitives_1.struct)('Post', { title: primitives_1.NonEmptyString, party: party_1.Party }, { holder: primitives_1.NonEmptyString, organisation: primitives_1.NonEmptyString });
const describePost = (post) => `${post.title} (${post.party})${post.holder === undefined ? '' : `, ${post.holder}`}`;
exports.describePost = describePost;
/** The same post with the same holder (a designation that changes nothing). */
const samePost = (a, b) => a.title === b.title &&
    a.party === b.party &&
    a.holder === b.holder &&
    a.organisation === b.organisation;
exports.samePost = samePost;
