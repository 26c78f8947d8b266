"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatBilateralOverview = exports.bilateralOverview = exports.bilateralOverviews = void 0;
const sector_1 = require("../domain/joint-working-group/sector");
const state_1 = require("../domain/joint-working-group/state");
const state_2 = require("../domain/mou/state");
const state_3 = require("../domain/drug-liaison-posting/state");
const party_1 = require("../domain/shared/party");
const post_1 = require("../domain/shared/post");
const awaitingSignature = new Set(['proposed', 'negotiating', 'textAgreed', 'partlySigned']);
const emptyOverview = (key) => {
    const [a = '', b = ''] = key.split('-');
    return { parties: [a, b], meetings: [], jointWorkingGroups: [], mous: [], postings: [] };
};
/**
 * One overview per pair of parties that has anything recorded, in alphabetical order of the pair.
 * A pure function of the current states: cheap to recompute after every event.
 */
const bilateralOverviews = (states) => {
    const byPair = new Map();
    const overviewFor = (parties) => {
        const key = (0, party_1.pairKey)(parties);
        let overview = byPair.get(key);
        if (overview === undefined) {
            overview = emptyOverview(key);
            byPair.set(key, overview);
        }
        return overview;
    };
    for (const meeting of states.meetings.values()) {
        if (meeting.status !== 'held')
            continue;
        overviewFor(meeting.parties).meetings.push({
            meetingId: meeting.meetingId,
            ...(meeting.title === undefined ? {} : { title: meeting.title }),
            occurredOn: meeting.occurredOn,
            venue: meeting.venue,
            hostParty: meeting.hostParty,
            outcomes: meeting.outcomes.map((o) => `${o.kind}: ${o.summary}`),
        });
    }
    for (const jwg of states.jointWorkingGroups.values()) {
        if (jwg.status === 'notEstablished')
            continue;
        overviewFor(jwg.parties).jointWorkingGroups.push({
            jwgId: jwg.jwgId,
            name: jwg.name,
            status: jwg.status,
            establishedOn: jwg.establishedOn,
            sectors: jwg.sectors.map(sector_1.sectorLabel),
            coChairs: jwg.coChairs.map((seat) => seat.post),
            lastHeldRound: jwg.lastHeldRound,
            openActionItems: (0, state_1.openActionItems)(jwg).map((item) => ({
                actionId: item.actionId,
                round: item.round,
                ownerParty: item.ownerParty,
                description: item.description,
                ...(item.dueOn === undefined ? {} : { dueOn: item.dueOn }),
            })),
        });
    }
    for (const mou of states.mous.values()) {
        if (mou.status === 'unproposed')
            continue;
        overviewFor(mou.parties).mous.push({
            mouId: mou.mouId,
            title: mou.title,
            subject: mou.subject,
            status: mou.status,
            legalCharacter: mou.legalCharacter,
            signedBy: mou.signatures.map((s) => s.party),
            yetToSign: awaitingSignature.has(mou.status) ? (0, state_2.partiesYetToSign)(mou) : [],
        });
    }
    for (const posting of states.postings.values()) {
        if (posting.status === 'unannounced')
            continue;
        const onDuty = (0, state_3.officerOnDuty)(posting);
        overviewFor([posting.sendingState, posting.hostState]).postings.push({
            postingId: posting.postingId,
            sendingState: posting.sendingState,
            hostState: posting.hostState,
            mission: posting.mission,
            status: posting.status,
            ...(onDuty === undefined ? {} : { officerOnDuty: onDuty.post }),
        });
    }
    return [...byPair.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, o]) => o);
};
exports.bilateralOverviews = bilateralOverviews;
/** The overview of one pair of parties (empty if nothing is recorded between them). */
const bilateralOverview = (states, parties) => (0, exports.bilateralOverviews)(states).find((o) => (0, party_1.pairKey)(o.parties) === (0, party_1.pairKey)(parties)) ??
    emptyOverview((0, party_1.pairKey)(parties));
exports.bilateralOverview = bilateralOverview;
/** The overview as text a person reads. */
const formatBilateralOverview = (overview) => {
    const lines = [`Bilateral overview: ${overview.parties.join(' – ')}`];
    const section = (title, items, show) => {
        lines.push('', `${title} (${items.length})`);
        lines.push(...(items.length === 0 ? ['  none'] : items.flatMap(show)));
    };
    section('Meetings', overview.meetings, (m) => [
        `  ${m.occurredOn}  ${m.title ?? m.meetingId}, ${m.venue} (host ${m.hostParty})`,
        ...m.outcomes.map((o) => `    - ${o}`),
    ]);
    section('Joint working groups', overview.jointWorkingGroups, (j) => [
        `  ${j.name} [${j.status}], established ${j.establishedOn}, rounds held: ${j.lastHeldRound}`,
        `    sectors (${j.sectors.length}): ${j.sectors.join(', ')}`,
        `    co-chairs: ${j.coChairs.length === 0 ? 'none designated yet' : j.coChairs.map(post_1.describePost).join('; ')}`,
        `    open action items: ${j.openActionItems.length === 0 ? 'none' : j.openActionItems.length}`,
        ...j.openActionItems.map((a) => `      ${a.actionId} (round ${a.round}, ${a.ownerParty}${a.dueOn === undefined ? '' : `, due ${a.dueOn}`}): ${a.description}`),
    ]);
    section('Memoranda of understanding', overview.mous, (m) => [
        `  ${m.title} [${m.status}] legal character ${m.legalCharacter}; signed by: ${m.signedBy.join(', ') || 'nobody'}; yet to sign: ${m.yetToSign.join(', ') || 'nobody'}`,
    ]);
    section('Liaison postings', overview.postings, (p) => [
        `  ${p.sendingState} at ${p.mission} (host ${p.hostState}) [${p.status}]${p.officerOnDuty === undefined ? '' : `; on duty: ${(0, post_1.describePost)(p.officerOnDuty)}`}`,
    ]);
    return lines.join('\n');
};
exports.formatBilateralOverview = formatBilateralOverview;
