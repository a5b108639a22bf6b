//! Verb: the Antitheticon nemesis of a campaign, derived from (or evolved with) the party.

use crate::engine::Engine;
use crate::error::Result;

impl Engine {
    /// Derives (or, when the campaign has one, evolves for a new theme) the Antitheticon
    /// nemesis from the party: the given profile, else one read from the campaign's characters
    /// (class of their first level, total level, alignment, ideals as beliefs, flaws as
    /// weaknesses, personality traits as methods). The campaign becomes an `antitheticon` one.
    pub fn campaign_antitheticon(
        &self,
        id: &str,
        branch: &str,
        theme: &str,
        party: Option<&dnd_core::campaign::antitheticon::PartyProfile>,
    ) -> Result<dnd_store::Saved> {
        use dnd_core::campaign::antitheticon::{PartyMember, PartyProfile};
        use dnd_core::campaign::{CampaignType, derive_antitheticon, evolve_antitheticon};
        use dnd_store::Store;
        let profile = match party {
            Some(p) => p.clone(),
            None => {
                let (c, _) = self.campaign(id, Some(branch))?;
                let mut members = Vec::new();
                for cid in c.characters() {
                    let (ch, _) = self.store.load(cid, "main")?;
                    members.push(PartyMember {
                        character: cid.to_string(),
                        name: ch.name.clone(),
                        class: ch
                            .levels
                            .first()
                            .map(|l| l.class.clone())
                            .unwrap_or_default(),
                        level: u8::try_from(ch.level()).unwrap_or(20),
                        alignment: ch.details.alignment.clone().unwrap_or_default(),
                        methods: ch.details.personality_traits.clone(),
                        beliefs: ch.details.ideals.clone(),
                        strengths: Vec::new(),
                        weaknesses: ch.details.flaws.clone(),
                    });
                }
                PartyProfile { members }
            }
        };
        let msg = format!("antitheticon: {theme}");
        Ok(self
            .edit_campaign(id, branch, &msg, |c| {
                let next = match &c.antitheticon {
                    Some(a) => evolve_antitheticon(a, &profile, theme)?,
                    None => derive_antitheticon(&profile, theme)?,
                };
                c.antitheticon = Some(next);
                c.kind = CampaignType::Antitheticon;
                Ok(())
            })?
            .1)
    }
}
