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
exports.recordPakistanBahrain2025 = exports.pakistanBahrainParties = void 0;
/**
 * The worked case: Pakistan and Bahrain, Islamabad, 10 September 2025, as the news report of that
 * day tells it (UrduPoint / Pakistan Point News). The meeting and who attended, what was agreed,
 * decided and welcomed, two sourced facts, the Joint Working Group on six sectors, three proposed
 * MoUs and Bahrain's drug liaison posting. Nothing was signed that day.
 *
 * Command ids are derived from fixed names, so recording the case again on a durable store
 * writes nothing twice.
 */
const E = __importStar(require("fp-ts/Either"));
const uuid_1 = require("uuid");
const bilateral_meeting_1 = require("../domain/bilateral-meeting");
const drug_liaison_posting_1 = require("../domain/drug-liaison-posting");
const joint_working_group_1 = require("../domain/joint-working-group");
const mou_1 = require("../domain/mou");
const command_handler_1 = require("../kernel/command-handler");
/** The namespace the case derives its ids from (any fixed UUID would do). */
const EXAMPLE_NAMESPACE = 'a3d4c1f0-6b8e-4f4a-9c2d-7e5b3a1f9d60';
const idFor = (name) => (0, uuid_1.v5)(name, EXAMPLE_NAMESPACE);
const report = {
    kind: 'newsReport',
    reference: 'UrduPoint / Pakistan Point News, 10 Sep 2025',
    publisher: 'UrduPoint / Pakistan Point News',
    publishedOn: '2025-09-10',
};
const meetingId = 'pk-bh-interior-ministers-2025-09-10';
const day = '2025-09-10';
exports.pakistanBahrainParties = ['PK', 'BH'];
const parties = exports.pakistanBahrainParties;
/** Who records, for whom and why; one correlation id ties the whole meeting together. */
const contextFor = (step, onBehalfOf, reason) => ({
    commandId: idFor(`${meetingId}/${step}`),
    correlationId: idFor(meetingId),
    actor: 'registrar@example.org',
    onBehalfOf,
    reason,
    source: report,
});
const record = async (store, aggregate, command, context) => {
    const result = await (0, command_handler_1.handleCommand)(store, aggregate, command, context);
    if (E.isLeft(result))
        throw new Error(`${command.type} refused: ${result.left.message}`);
};
const mous = [
    { id: 'pk-bh-extradition', title: 'MoU on Extradition', subject: 'extradition' },
    {
        id: 'pk-bh-mutual-legal-assistance',
        title: 'MoU on Mutual Legal Assistance',
        subject: 'mutual legal assistance',
    },
    {
        id: 'pk-bh-specialised-battalion-training',
        title: 'MoU on Specialised Battalion Training',
        subject: 'specialised battalion training',
    },
];
const jwgId = 'pk-bh-interior-jwg';
const postingId = 'bh-dlo-islamabad';
/**
 * Records everything the report of 10 September 2025 says happened. A refusal would mean the
 * library's rules and the case disagree, so it is thrown, not returned.
 */
const recordPakistanBahrain2025 = async (store) => {
    const pk = (title, holder) => ({
        title,
        party: 'PK',
        ...(holder === undefined ? {} : { holder }),
    });
    await record(store, bilateral_meeting_1.BilateralMeeting, {
        type: 'RecordBilateralMeeting',
        meetingId,
        title: "Bahraini Interior Minister's visit to Pakistan's Ministry of Interior",
        parties,
        hostParty: 'PK',
        venue: 'Ministry of Interior, Islamabad',
        occurredOn: day,
        delegations: [
            {
                party: 'PK',
                head: pk('Federal Minister for Interior', 'Mohsin Naqvi'),
                members: [
                    pk('Minister of State for Interior', 'Talal Chaudhry'),
                    pk('Senior officials, Ministry of Interior'),
                    pk('Director General, Anti-Narcotics Force'),
                    pk('Commandant, National Police Academy'),
                    pk('Chief Commissioner, Islamabad'),
                    pk('Inspector General of Police, Islamabad'),
                ],
            },
            {
                party: 'BH',
                head: {
                    title: 'Minister of Interior',
                    party: 'BH',
                    holder: 'Lt Gen Rashid bin Abdullah Al Khalifa',
                },
            },
        ],
    }, contextFor('meeting', 'PK', 'high-level and delegation-level talks as reported'));
    const outcome = (outcomeId, kind, summary, leadsTo, byParty) => record(store, bilateral_meeting_1.BilateralMeeting, {
        type: 'RecordMeetingOutcome',
        meetingId,
        outcomeId,
        kind,
        summary,
        occurredOn: day,
        leadsTo,
        ...(byParty === undefined ? {} : { byParty }),
    }, contextFor(`outcome/${outcomeId}`, 'PK', 'outcome of the talks as reported'));
    await outcome('jwg-agreed', 'agreed', 'to establish a Joint Working Group', [
        { aggregate: 'JointWorkingGroup', id: jwgId },
    ]);
    await outcome('mous-decided', 'decided', 'to sign MoUs on extradition, mutual legal assistance and specialised battalion training', mous.map((m) => ({ aggregate: 'MoU', id: m.id })));
    await outcome('dlo-welcomed', 'welcomed', "Bahrain's move to appoint a Drug Liaison Officer at its embassy in Islamabad", [{ aggregate: 'DrugLiaisonPosting', id: postingId }], 'PK');
    const minister = pk('Federal Minister for Interior', 'Mohsin Naqvi');
    for (const [factId, statement] of [
        [
            'anf-record-recovery',
            "Pakistan's Anti-Narcotics Force achieved a record $146 million recovery",
        ],
        ['pakistanis-in-bahrain', 'Over 120,000 Pakistanis live in Bahrain'],
    ])
        await record(store, bilateral_meeting_1.BilateralMeeting, {
            type: 'NoteSourcedFact',
            meetingId,
            factId,
            statement,
            statedBy: minister,
            occurredOn: day,
        }, contextFor(`fact/${factId}`, 'PK', 'context stated at the talks, kept with its source'));
    await record(store, joint_working_group_1.JointWorkingGroup, {
        type: 'EstablishJointWorkingGroup',
        jwgId,
        name: 'Pakistan–Bahrain Joint Working Group',
        parties,
        sectors: [
            'counterNarcotics',
            'counterTerrorism',
            'coastGuardOperations',
            'borderSecurity',
            'immigration',
            'policeTraining',
        ],
        occurredOn: day,
    }, contextFor('jwg', 'PK', 'the ministers agreed to establish the group'));
    for (const mou of mous)
        await record(store, mou_1.MoU, {
            type: 'ProposeMoU',
            mouId: mou.id,
            title: mou.title,
            subject: mou.subject,
            parties,
            proposedBy: 'jointly',
            // The report does not say whether these will bind the parties; it is settled later.
            legalCharacter: 'undetermined',
            occurredOn: day,
        }, contextFor(`mou/${mou.id}`, 'PK', 'both sides decided to sign this MoU'));
    await record(store, drug_liaison_posting_1.DrugLiaisonPosting, {
        type: 'AnnouncePosting',
        postingId,
        sendingState: 'BH',
        hostState: 'PK',
        mission: 'Embassy of the Kingdom of Bahrain, Islamabad',
        // Vienna Convention on Diplomatic Relations, art. 7: the sending state freely appoints its
        // staff; art. 10: it notifies the host. No prior approval is reported here.
        hostApprovalRequired: false,
        occurredOn: day,
    }, contextFor('posting', 'BH', "Bahrain's move to appoint a Drug Liaison Officer, as reported"));
};
exports.recordPakistanBahrain2025 = recordPakistanBahrain2025;
