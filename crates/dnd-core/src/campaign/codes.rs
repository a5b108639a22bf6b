//! Every campaign validation code with its default severity and meaning.

use crate::validate::Severity;

/// Every campaign code: `(code, severity, meaning)`.
pub const CODES: &[(&str, Severity, &str)] = &[
    (
        "campaign.title.empty",
        Severity::Error,
        "the campaign has no title",
    ),
    (
        "campaign.party_size.range",
        Severity::Error,
        "the party size is not 1 to 8",
    ),
    (
        "campaign.level_range.invalid",
        Severity::Error,
        "a level range outside 1–20 or with min above max",
    ),
    (
        "campaign.players.too_many",
        Severity::Warning,
        "more player characters than the party size",
    ),
    (
        "campaign.id.invalid",
        Severity::Error,
        "an id that is not 1 to 64 of a-z, 0-9, `-`, `_`",
    ),
    (
        "campaign.chapter.duplicate",
        Severity::Error,
        "two chapters with one id",
    ),
    (
        "campaign.chapter.unknown_prerequisite",
        Severity::Error,
        "a prerequisite that names no chapter",
    ),
    (
        "campaign.chapter.cycle",
        Severity::Error,
        "chapter prerequisites that form a cycle",
    ),
    (
        "campaign.chapter.level_range",
        Severity::Warning,
        "a chapter's levels outside the campaign's",
    ),
    (
        "campaign.chapter.level_order",
        Severity::Warning,
        "a chapter meant for lower levels than one of its prerequisites",
    ),
    (
        "campaign.chapter.unknown_npc",
        Severity::Error,
        "a chapter names an NPC the campaign does not have",
    ),
    (
        "campaign.chapter.unknown_location",
        Severity::Error,
        "a chapter names a location the campaign does not have",
    ),
    (
        "campaign.chapter.unknown_creature",
        Severity::Error,
        "a planned encounter names a creature no rules pack has",
    ),
    (
        "campaign.chapter.no_finale",
        Severity::Warning,
        "a campaign of several chapters without a finale",
    ),
    (
        "campaign.chapter.count",
        Severity::Warning,
        "a chapter count outside what the length class expects",
    ),
    (
        "campaign.plot.duplicate",
        Severity::Error,
        "two plots with one id",
    ),
    (
        "campaign.plot.unknown_chapter",
        Severity::Error,
        "a plot arc names a chapter the campaign does not have",
    ),
    (
        "campaign.plot.arc_order",
        Severity::Warning,
        "a plot arc whose order the chapters' play order contradicts",
    ),
    (
        "campaign.plot.branch_target",
        Severity::Error,
        "a plot choice leads to a chapter the campaign does not have",
    ),
    (
        "campaign.npc.duplicate",
        Severity::Error,
        "two NPCs with one id",
    ),
    (
        "campaign.npc.unknown_faction",
        Severity::Error,
        "an NPC of a faction the campaign does not have",
    ),
    (
        "campaign.npc.unknown_stats",
        Severity::Error,
        "an NPC stat block naming an unknown class or creature, or a level outside 1–20",
    ),
    (
        "campaign.relationship.unknown",
        Severity::Error,
        "a relationship with an end that is no NPC or campaign character",
    ),
    (
        "campaign.relationship.standing",
        Severity::Error,
        "a standing outside −100 to 100",
    ),
    (
        "campaign.location.duplicate",
        Severity::Error,
        "two locations (or factions) with one id",
    ),
    (
        "campaign.location.unknown_parent",
        Severity::Error,
        "a location inside a location the campaign does not have",
    ),
    (
        "campaign.location.cycle",
        Severity::Error,
        "locations that contain each other",
    ),
    (
        "campaign.location.hierarchy",
        Severity::Error,
        "a location inside one of its own level or below (world → region → settlement → site → room)",
    ),
    (
        "campaign.location.unknown_faction",
        Severity::Error,
        "a location naming a faction the campaign does not have",
    ),
    (
        "campaign.effect.duplicate",
        Severity::Error,
        "two world effects with one id",
    ),
    (
        "campaign.effect.unknown_target",
        Severity::Error,
        "a world effect on a faction or location the campaign does not have",
    ),
    (
        "campaign.session.duplicate",
        Severity::Error,
        "two sessions with one number",
    ),
    (
        "campaign.session.unknown_chapter",
        Severity::Error,
        "a session that played a chapter the campaign does not have",
    ),
    (
        "campaign.session.unknown_attendee",
        Severity::Error,
        "a session attended by a character no player plays",
    ),
    (
        "campaign.antitheticon.missing",
        Severity::Error,
        "an antitheticon campaign without its nemesis data",
    ),
    (
        "campaign.antitheticon.unexpected",
        Severity::Warning,
        "nemesis data on a traditional campaign (it is ignored)",
    ),
    (
        "antitheticon.identity.unnamed",
        Severity::Error,
        "a nemesis identity without a name",
    ),
    (
        "antitheticon.identity.duplicate",
        Severity::Error,
        "two nemesis identities with one id",
    ),
    (
        "antitheticon.link.unknown",
        Severity::Error,
        "a tie to an identity that does not exist",
    ),
    (
        "antitheticon.identity.isolated",
        Severity::Warning,
        "an identity tied to no other",
    ),
    (
        "antitheticon.network.disconnected",
        Severity::Error,
        "the tied identities fall into more than one group",
    ),
    (
        "antitheticon.deception.too_many",
        Severity::Error,
        "more than 5 active deceptions",
    ),
    (
        "antitheticon.deception.unknown_identity",
        Severity::Error,
        "a deception told by an identity that does not exist",
    ),
    (
        "antitheticon.deception.unmaintained",
        Severity::Warning,
        "an active deception never maintained in a session",
    ),
    (
        "antitheticon.plot.critical_unresolved",
        Severity::Error,
        "more than 1 unresolved critical plot impact",
    ),
    (
        "antitheticon.helper.truth_ratio",
        Severity::Error,
        "a helper truth ratio outside 0 to 1",
    ),
    (
        "antitheticon.helper.unknown_identity",
        Severity::Error,
        "a helper that is no identity of the network",
    ),
];
