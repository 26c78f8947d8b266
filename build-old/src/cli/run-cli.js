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
exports.runCli = exports.EXIT = void 0;
const commander_1 = require("commander");
const E = __importStar(require("fp-ts/Either"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const audit_trail_1 = require("../audit/audit-trail");
const history_file_1 = require("../audit/history-file");
const point_in_time_1 = require("../audit/point-in-time");
const verify_1 = require("../audit/verify");
const pakistan_bahrain_2025_1 = require("../demo/pakistan-bahrain-2025");
const bilateral_meeting_1 = require("../domain/bilateral-meeting");
const drug_liaison_posting_1 = require("../domain/drug-liaison-posting");
const joint_working_group_1 = require("../domain/joint-working-group");
const ledger_1 = require("../domain/ledger");
const mou_1 = require("../domain/mou");
const party_1 = require("../domain/shared/party");
const event_registry_1 = require("../kernel/event-registry");
const partial_date_1 = require("../kernel/partial-date");
const store_errors_1 = require("../kernel/store-errors");
const bilateral_overview_1 = require("../projections/bilateral-overview");
const checkpoint_1 = require("../projections/checkpoint");
const current_states_1 = require("../projections/current-states");
const timeline_1 = require("../projections/timeline");
const open_store_1 = require("../store/open-store");
const output_1 = require("./output");
/**
 * Exit statuses: 0 done; 1 the check failed (a broken chain, a refused import, an unreadable
 * history); 2 bad usage or input (a flag, a date, a missing file); 3 the store cannot be used.
 */
exports.EXIT = { ok: 0, checkFailed: 1, badInput: 2, storeUnavailable: 3 };
/** A failure the command line reports as one line, with its exit status. */
class CliFailure extends Error {
    exitCode;
    constructor(message, exitCode) {
        super(message);
        this.exitCode = exitCode;
    }
}
const badInput = (message) => new CliFailure(message, exports.EXIT.badInput);
const storeSpec = (io, options) => options.store ?? (0, open_store_1.defaultStoreSpec)(io.cwd);
/** Opens the store named by `--store`, runs `work` on it and closes it whatever happens. */
const withStore = async (io, options, work) => {
    const spec = storeSpec(io, options);
    let opened;
    try {
        opened = await (0, open_store_1.openEventStore)(spec);
    }
    catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new CliFailure(`cannot open store ${spec}: ${message}`, exports.EXIT.storeUnavailable);
    }
    try {
        return await work(opened.store, spec);
    }
    finally {
        await opened.close();
    }
};
const parseParties = (text) => {
    const codes = text.split(',').map((s) => s.trim());
    const [a, b] = codes;
    if (codes.length !== 2 || a === undefined || b === undefined || !(0, party_1.isParty)(a) || !(0, party_1.isParty)(b))
        throw badInput(`--parties takes two ISO 3166-1 alpha-2 codes such as PK,BH, got "${text}"`);
    return [a, b];
};
const parsePartialDate = (flag, text) => {
    if (!(0, partial_date_1.isPartialDate)(text))
        throw badInput(`${flag} takes a date such as 2025, 2025-09 or 2025-09-10, got "${text}"`);
    return text;
};
/** An instant; a bare date means the end of that day (UTC) for `to`, its start for `from`. */
const parseInstant = (flag, text, end) => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const date = dateOnly
        ? new Date(`${text}T${end === 'end' ? '23:59:59.999' : '00:00:00.000'}Z`)
        : new Date(text);
    if (Number.isNaN(date.getTime()) || (dateOnly && !(0, partial_date_1.isPartialDate)(text)))
        throw badInput(`${flag} takes a date or an ISO 8601 instant, got "${text}"`);
    return date;
};
const parseRevision = (text) => {
    if (!/^(0|[1-9]\d*)$/.test(text))
        throw badInput(`--as-of-revision takes a revision such as 3, got "${text}"`);
    return BigInt(text);
};
const asOfFrom = (options) => ({
    ...(options.asOfRecorded === undefined
        ? {}
        : { recordedAt: parseInstant('--as-of-recorded', options.asOfRecorded, 'end') }),
    ...(options.asOfOccurred === undefined
        ? {}
        : { occurredOn: parsePartialDate('--as-of-occurred', options.asOfOccurred) }),
    ...(options.asOfRevision === undefined ? {} : { revision: parseRevision(options.asOfRevision) }),
});
/** The aggregate a stream belongs to, and the aggregate's id, or a clear refusal. */
const aggregateOfStream = (streamId) => {
    const category = (0, event_registry_1.categoryOf)(streamId);
    if (!ledger_1.aggregates.some((a) => a.name === category) || streamId.length <= category.length + 1)
        throw badInput(`"${streamId}" is not a stream of this library; streams are named <aggregate>-<id> with an aggregate among ${ledger_1.aggregates.map((a) => a.name).join(', ')}`);
    return { aggregate: category, id: streamId.slice(category.length + 1) };
};
/** The state of any stream as of a point in time, whichever aggregate it belongs to. */
const stateOfStream = async (store, streamId, asOf) => {
    const { aggregate, id } = aggregateOfStream(streamId);
    switch (aggregate) {
        case mou_1.MoU.name:
            return (0, point_in_time_1.stateAsOf)(store, mou_1.MoU, id, asOf);
        case joint_working_group_1.JointWorkingGroup.name:
            return (0, point_in_time_1.stateAsOf)(store, joint_working_group_1.JointWorkingGroup, id, asOf);
        case drug_liaison_posting_1.DrugLiaisonPosting.name:
            return (0, point_in_time_1.stateAsOf)(store, drug_liaison_posting_1.DrugLiaisonPosting, id, asOf);
        default:
            return (0, point_in_time_1.stateAsOf)(store, bilateral_meeting_1.BilateralMeeting, id, asOf);
    }
};
const auditOptionsFrom = (options) => {
    if (options.aggregate !== undefined && !ledger_1.aggregates.some((a) => a.name === options.aggregate))
        throw badInput(`--aggregate takes one of ${ledger_1.aggregates.map((a) => a.name).join(', ')}, got "${options.aggregate}"`);
    return {
        ...(options.stream === undefined ? {} : { streamId: options.stream }),
        ...(options.aggregate === undefined ? {} : { aggregate: options.aggregate }),
        ...(options.from === undefined
            ? {}
            : { recordedFrom: parseInstant('--from', options.from, 'start') }),
        ...(options.to === undefined ? {} : { recordedTo: parseInstant('--to', options.to, 'end') }),
        ...(options.occurredFrom === undefined
            ? {}
            : { occurredFrom: parsePartialDate('--occurred-from', options.occurredFrom) }),
        ...(options.occurredTo === undefined
            ? {}
            : { occurredTo: parsePartialDate('--occurred-to', options.occurredTo) }),
    };
};
/** Prints every audit entry; an unreadable event is reported in its place and fails the run. */
const printTrail = async (io, store, options, json) => {
    let unreadable = 0;
    for await (const entry of (0, audit_trail_1.auditTrail)(store, checkpoint_1.libraryEvents, options)) {
        if (E.isLeft(entry)) {
            unreadable++;
            if (json)
                (0, output_1.printLine)(io, (0, output_1.toJson)({ unreadable: entry.left.error.message, integrity: entry.left.integrity }));
            else
                (0, output_1.printLine)(io, `UNREADABLE ${entry.left.error.message}`);
            continue;
        }
        (0, output_1.printLine)(io, json ? (0, output_1.toJson)(entry.right) : (0, audit_trail_1.formatAuditEntry)(entry.right));
    }
    return unreadable === 0 ? exports.EXIT.ok : exports.EXIT.checkFailed;
};
const build = (io, setExit) => {
    const program = new commander_1.Command('diplomatic-ledger')
        .description('Record and audit diplomatic and security engagements between states.')
        .addOption(new commander_1.Option('--store <spec>', `memory | sqlite:PATH | esdb://HOST:PORT?tls=false (default: sqlite:./${open_store_1.DEFAULT_STORE_FILE})`))
        .option('--json', 'machine-readable output: one JSON value per line')
        .showHelpAfterError(false)
        .configureOutput({
        writeOut: (text) => io.stdout.write(text),
        writeErr: (text) => io.stderr.write(text),
        outputError: (text, write) => write(`diplomatic-ledger: ${text.replace(/^error: /, '').trim()}\n`),
    })
        .exitOverride();
    const globals = () => program.opts();
    program
        .command('demo')
        .description('record the Pakistan–Bahrain case of 10 September 2025 (as the example does)')
        .action(async () => withStore(io, globals(), async (store, spec) => {
        const count = async () => {
            let n = 0;
            for await (const _ of store.readAll())
                n++;
            return n;
        };
        const before = await count();
        await (0, pakistan_bahrain_2025_1.recordPakistanBahrain2025)(store);
        const after = await count();
        const result = { store: spec, eventsRecorded: after - before, eventsInStore: after };
        if (globals().json)
            (0, output_1.printLine)(io, (0, output_1.toJson)(result));
        else {
            (0, output_1.printLine)(io, `Store: ${spec}`);
            (0, output_1.printLine)(io, after === before
                ? `The Pakistan–Bahrain case of 10 September 2025 is already recorded (${after} events in the store).`
                : `Recorded the Pakistan–Bahrain case of 10 September 2025: ${after - before} events (${after} in the store).`);
        }
    }));
    program
        .command('history')
        .argument('<stream>', 'a stream, such as MoU-pk-bh-extradition')
        .description('every event of one stream, with who recorded it, when, why and on what source')
        .action(async (stream) => withStore(io, globals(), async (store) => {
        aggregateOfStream(stream);
        setExit(await printTrail(io, store, { streamId: stream }, globals().json === true));
    }));
    program
        .command('state')
        .argument('<stream>', 'a stream, such as MoU-pk-bh-extradition')
        .description('the state of one engagement, now or as of a point in time')
        .option('--as-of-recorded <instant>', 'what the record said then (a date means its end)')
        .option('--as-of-occurred <date>', 'what was true on that date by the record used')
        .option('--as-of-revision <revision>', 'the stream as it stood after that revision')
        .action(async (stream, options) => {
        aggregateOfStream(stream);
        const asOf = asOfFrom(options);
        await withStore(io, globals(), async (store) => {
            const result = await stateOfStream(store, stream, asOf);
            if (E.isLeft(result))
                throw new CliFailure(result.left.message, exports.EXIT.checkFailed);
            const { state, revision, eventsApplied } = result.right;
            if (globals().json)
                (0, output_1.printLine)(io, (0, output_1.toJson)({ stream, revision, eventsApplied, state }));
            else {
                (0, output_1.printLine)(io, `${stream} (revision ${revision ?? 'none'}, ${eventsApplied} events)`);
                (0, output_1.printLine)(io, JSON.stringify(state, null, 2));
            }
        });
    });
    program
        .command('overview')
        .description('every JWG, MoU and posting per pair of parties, with what is still to do')
        .option('--parties <A,B>', 'one pair of parties, such as PK,BH')
        .option('--as-of-recorded <instant>', 'what the record said then (a date means its end)')
        .option('--as-of-occurred <date>', 'what was true on that date by the record used')
        .action(async (options) => {
        const parties = options.parties === undefined ? undefined : parseParties(options.parties);
        const asOf = asOfFrom(options);
        await withStore(io, globals(), async (store) => {
            let overviews;
            if (parties !== undefined) {
                const one = await (0, point_in_time_1.bilateralOverviewAsOf)(store, parties, asOf);
                if (E.isLeft(one))
                    throw new CliFailure(one.left.message, exports.EXIT.checkFailed);
                overviews = [one.right];
            }
            else if (asOf.recordedAt === undefined && asOf.occurredOn === undefined) {
                const states = await (0, current_states_1.readCurrentStates)(store);
                if (E.isLeft(states))
                    throw new CliFailure(states.left.message, exports.EXIT.checkFailed);
                overviews = (0, bilateral_overview_1.bilateralOverviews)(states.right);
            }
            else
                throw badInput('--as-of-recorded and --as-of-occurred need --parties');
            if (globals().json)
                overviews.forEach((o) => (0, output_1.printLine)(io, (0, output_1.toJson)(o)));
            else if (overviews.length === 0)
                (0, output_1.printLine)(io, 'Nothing is recorded yet.');
            else
                (0, output_1.printLine)(io, overviews.map(bilateral_overview_1.formatBilateralOverview).join('\n\n'));
        });
    });
    const audit = program.command('audit').description('the audit trail and integrity verification');
    audit
        .command('trail')
        .description('one line per recorded event: when, who, for whom, why, source, integrity')
        .option('--stream <stream>', 'only this stream')
        .option('--aggregate <name>', 'only streams of this aggregate, such as MoU')
        .option('--from <date>', 'only events recorded on or after this date or instant')
        .option('--to <date>', 'only events recorded on or before this date or instant')
        .option('--occurred-from <date>', 'only events that may have happened on or after this date')
        .option('--occurred-to <date>', 'only events that may have happened on or before this date')
        .action(async (options) => {
        const trailOptions = auditOptionsFrom(options);
        await withStore(io, globals(), async (store) => {
            setExit(await printTrail(io, store, trailOptions, globals().json === true));
        });
    });
    audit
        .command('verify')
        .description('recompute every integrity link; exit status 1 names the first broken event')
        .action(async () => withStore(io, globals(), async (store, spec) => {
        const bar = (0, output_1.progress)(io, 'Verifying');
        const report = await (0, verify_1.verifyAll)(store, {
            onProgress: bar.update,
            progressEvery: 1000,
        }).finally(() => bar.stop());
        if (globals().json)
            (0, output_1.printLine)(io, (0, output_1.toJson)({
                store: spec,
                eventsChecked: report.eventsChecked,
                intact: report.intact,
                digest: report.digest,
                firstProblem: report.firstProblem,
                problems: report.findings.length,
            }));
        else {
            (0, output_1.printLine)(io, `Store: ${spec}`);
            (0, output_1.printLine)(io, (0, verify_1.formatVerificationReport)(report));
        }
        setExit(report.intact ? exports.EXIT.ok : exports.EXIT.checkFailed);
    }));
    program
        .command('export')
        .description('write the whole history as JSON Lines, integrity links included')
        .requiredOption('--out <file>', 'the file to write')
        .action(async (options) => withStore(io, globals(), async (store) => {
        const bar = (0, output_1.progress)(io, 'Exporting');
        const path = (0, node_path_1.resolve)(io.cwd, options.out);
        const written = await (0, history_file_1.exportHistoryToFile)(store, path, { onProgress: bar.update }).finally(() => bar.stop());
        if (globals().json)
            (0, output_1.printLine)(io, (0, output_1.toJson)({ file: path, ...written }));
        else
            (0, output_1.printLine)(io, `Exported ${written.events} events to ${path}\n  running digest: ${written.digest}`);
    }));
    program
        .command('import')
        .argument('<file>', 'a history file written by export')
        .description('check a history file whole, then write it; nothing is written if any line fails')
        .action(async (file) => {
        const path = (0, node_path_1.resolve)(io.cwd, file);
        if (!(0, node_fs_1.existsSync)(path))
            throw badInput(`no such file: ${path}`);
        await withStore(io, globals(), async (store) => {
            const bar = (0, output_1.progress)(io, 'Importing');
            const result = await (0, history_file_1.importHistoryFile)(store, path, {
                onProgress: (_stage, n) => bar.update(n),
            }).finally(() => bar.stop());
            if (E.isLeft(result))
                throw new CliFailure(`import refused, nothing written: ${result.left.message}`, exports.EXIT.checkFailed);
            if (globals().json)
                (0, output_1.printLine)(io, (0, output_1.toJson)({ file: path, ...result.right }));
            else
                (0, output_1.printLine)(io, `Imported ${result.right.events} events in ${result.right.streams} streams from ${path}\n  running digest: ${result.right.digest}`);
        });
    });
    program
        .command('timeline')
        .description('every event by the date it happened')
        .addOption(new commander_1.Option('--format <format>', 'text or mermaid')
        .choices(['text', 'mermaid'])
        .default('text'))
        .action(async (options) => withStore(io, globals(), async (store) => {
        const timeline = await (0, timeline_1.readTimeline)(store);
        if (E.isLeft(timeline))
            throw new CliFailure(timeline.left.message, exports.EXIT.checkFailed);
        if (globals().json)
            timeline.right.forEach((entry) => (0, output_1.printLine)(io, (0, output_1.toJson)(entry)));
        else
            (0, output_1.printLine)(io, options.format === 'mermaid'
                ? (0, timeline_1.renderMermaidTimeline)(timeline.right)
                : (0, timeline_1.renderTextTimeline)(timeline.right));
    }));
    return program;
};
/**
 * Runs the command line on `argv` (without the node and script names) and resolves with the exit
 * status. Every failure is one line on standard error, without a stack trace.
 */
const runCli = async (argv, io) => {
    let exitCode = exports.EXIT.ok;
    const program = build(io, (code) => {
        exitCode = code;
    });
    try {
        await program.parseAsync([...argv], { from: 'user' });
        return exitCode;
    }
    catch (error) {
        if (error instanceof commander_1.CommanderError)
            // Help and version end here too, with status 0; usage errors were already printed.
            return error.exitCode === 0 ? exports.EXIT.ok : exports.EXIT.badInput;
        const message = error instanceof Error ? error.message : String(error);
        io.stderr.write(`diplomatic-ledger: ${message.split('\n')[0] ?? message}\n`);
        if (error instanceof CliFailure)
            return error.exitCode;
        if (error instanceof store_errors_1.StoreError)
            return exports.EXIT.storeUnavailable;
        return exports.EXIT.checkFailed;
    }
};
exports.runCli = runCli;
