"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatVerificationReport = exports.verifyAll = exports.verifyStream = void 0;
const store_errors_1 = require("../kernel/store-errors");
const integrity_check_1 = require("./integrity-check");
const verify = async (scope, events, options) => {
    const checker = (0, integrity_check_1.createChainChecker)();
    const findings = [];
    const every = Math.max(1, options.progressEvery ?? 10_000);
    for await (const stored of events) {
        const { finding } = checker.check(stored);
        if (finding !== undefined)
            findings.push(finding);
        if (options.onProgress !== undefined && checker.checked() % every === 0)
            options.onProgress(checker.checked());
    }
    return {
        scope,
        eventsChecked: checker.checked(),
        intact: findings.length === 0,
        firstProblem: findings[0],
        findings,
        digest: checker.digest(),
    };
};
async function* readIfPresent(store, streamId) {
    try {
        yield* store.readStream(streamId);
    }
    catch (error) {
        if ((0, store_errors_1.isStoreError)(error, 'StreamNotFound'))
            return;
        throw error;
    }
}
/** Replays one stream and recomputes its chain. A missing stream verifies with no events. */
const verifyStream = (store, streamId, options = {}) => verify(streamId, readIfPresent(store, streamId), options);
exports.verifyStream = verifyStream;
/**
 * Replays the whole store in global order, recomputing every stream's chain and folding every
 * event into one running digest. Streams through constant memory (per stream, one hash).
 */
const verifyAll = (store, options = {}) => verify('$all', store.readAll(), options);
exports.verifyAll = verifyAll;
/** A report as the lines a reviewer reads. */
const formatVerificationReport = (report) => [
    `Integrity of ${report.scope}: ${report.eventsChecked} events checked, ${report.intact ? 'chain intact' : `${report.findings.length} problem(s)`}`,
    ...(report.firstProblem === undefined
        ? []
        : [`  first problem: ${report.firstProblem.problem}: ${report.firstProblem.message}`]),
    `  running digest: ${report.digest}`,
].join('\n');
exports.formatVerificationReport = formatVerificationReport;
