"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.delegationProblem = exports.Delegation = void 0;
const t = __importStar(require("io-ts"));
const primitives_1 = require("../../kernel/primitives");
const party_1 = require("./party");
const post_1 = require("./post");
const rules_1 = require("./rules");
/** The people a state sends to a meeting, by post: a head and, optionally, members. */
exports.Delegation = (0, primitives_1.struct)('Delegation', { party: party_1.Party, head: post_1.Post }, { members: t.array(post_1.Post) });
/**
 * The first thing wrong with the delegations to a meeting of `parties`, if any: each delegation is
 * of one of the parties, listed once, and headed and staffed by posts of its own state.
 */
const delegationProblem = (delegations, parties) => {
    for (const [index, delegation] of delegations.entries()) {
        if (!(0, rules_1.isOneOf)(delegation.party, parties))
            return {
                rule: 'DelegationMustBeOfAParty',
                message: `a delegation of ${delegation.party} cannot attend a meeting of ${parties.join(' and ')}`,
            };
        if (delegations.findIndex((d) => d.party === delegation.party) !== index)
            return {
                rule: 'DelegationListedTwice',
                message: `the delegation of ${delegation.party} is listed twice; list each party's delegation once`,
            };
        if (delegation.head.party !== delegation.party)
            return {
                rule: 'DelegationHeadMustActForItsParty',
                message: `${(0, post_1.describePost)(delegation.head)} cannot head the delegation of ${delegation.party}`,
            };
        const outsider = (delegation.members ?? []).find((m) => m.party !== delegation.party);
        if (outsider !== undefined)
            return {
                rule: 'DelegationMemberMustActForItsParty',
                message: `${(0, post_1.describePost)(outsider)} cannot be a member of the delegation of ${delegation.party}`,
            };
    }
    return undefined;
};
exports.delegationProblem = delegationProblem;
