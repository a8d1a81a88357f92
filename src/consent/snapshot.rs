//! The snapshot: plain data a reader collects from a page, with no DOM handles.

use crate::finding::ElementRef;
use crate::reader::label::Surroundings;
use serde::{Deserialize, Serialize};

pub use crate::rules::spec::ControlKind;

/// One candidate control as a reader saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    /// See [`ControlKind`].
    pub kind: ControlKind,
    /// On when the page shows it: checked property, `aria-checked="true"`, `aria-pressed="true"`.
    pub on: bool,
    /// The control's label, whitespace collapsed (empty when none was found).
    pub label: String,
    /// The question around the control (fieldset legend, group label, nearby text); filled
    /// only when the engine asks for it (see [`crate::ConsentEngine::wants_context`]).
    pub context: String,
    /// The banner, dialog or form section around the control (its id, class, label and text),
    /// filled with `context`. Used for conditions such as "inside a cookie banner", and as the
    /// question only when there is no nearer one.
    #[serde(default)]
    pub region: String,
    /// `context` is a fieldset legend or group label (not just nearby text, which may hold the
    /// other options of a radio group).
    #[serde(default)]
    pub context_is_legend: bool,
    /// `context` is the text of the control's own container (no other control in it): its
    /// title with the description below it ("Lorehaven Weekly — game deals every Friday").
    #[serde(default)]
    pub context_is_own: bool,
    /// The text of the control's own container, also under a legend (see
    /// [`Surroundings::description`]), filled with `context`.
    #[serde(default)]
    pub description: String,
    /// The words of the control's `name`, `value` and `id` attributes ("accepts marketing" for
    /// `checkout[buyer_accepts_marketing]`), filled with `context`; evidence where the label is
    /// thin.
    #[serde(default)]
    pub field: String,
    /// Where the control is; filled for controls the engine flags.
    pub element: Option<ElementRef>,
    /// Control and all its labels invisible; filled for controls the engine flags.
    pub hidden: bool,
}

impl Control {
    /// What surrounds the control, as stored in it.
    pub fn surroundings(&self) -> Surroundings {
        Surroundings {
            question: self.context.clone(),
            from_legend: self.context_is_legend,
            own_text: self.context_is_own,
            description: self.description.clone(),
            region: self.region.clone(),
            field: self.field.clone(),
        }
    }

    /// Stores what a reader found around the control.
    pub fn set_surroundings(&mut self, around: Surroundings) {
        self.context = around.question;
        self.region = around.region;
        self.context_is_legend = around.from_legend;
        self.context_is_own = around.own_text;
        self.description = around.description;
        self.field = around.field;
    }
}

/// Everything a reader collected from one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Snapshot {
    /// The document's `lang` attribute, if any.
    pub lang: Option<String>,
    /// Candidate controls in document order.
    pub controls: Vec<Control>,
}
