//! Undo and redo over a session's changes.

use super::{Applied, Docket, Put};

/// One undoable step: what it was, and the puts that reverse it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    description: String,
    puts: Vec<Put>,
}

/// The changes made, and those undone, most recent last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// Records a change just applied; it can no longer be redone past.
    pub fn record(&mut self, applied: &Applied) {
        self.done.push(Step {
            description: applied.description.clone(),
            puts: applied.undo.clone(),
        });
        self.undone.clear();
    }

    /// Undoes the latest change, returning its description.
    pub fn undo(&mut self, docket: &mut Docket) -> Option<String> {
        Self::replay(&mut self.done, &mut self.undone, docket)
    }

    /// Redoes the latest undone change, returning its description.
    pub fn redo(&mut self, docket: &mut Docket) -> Option<String> {
        Self::replay(&mut self.undone, &mut self.done, docket)
    }

    fn replay(from: &mut Vec<Step>, to: &mut Vec<Step>, docket: &mut Docket) -> Option<String> {
        let step = from.pop()?;
        let reverse = docket.put(step.puts);
        let description = step.description.clone();
        to.push(Step {
            description: step.description,
            puts: reverse,
        });
        Some(description)
    }

    /// Forgets everything (after the file was reloaded from disk).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}
