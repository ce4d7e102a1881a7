//! Undo and redo over a session's changes.

use super::{Applied, Docket, Put};

/// One undoable step: what it was, and the puts that reverse it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    description: String,
    puts: Vec<Put>,
}

/// A step undone or redone: what it was, and the puts just applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// The change's description.
    pub description: String,
    /// The puts applied to undo or redo it.
    pub puts: Vec<Put>,
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

    /// Undoes the latest change.
    pub fn undo(&mut self, docket: &mut Docket) -> Option<Replayed> {
        Self::replay(&mut self.done, &mut self.undone, docket)
    }

    /// Redoes the latest undone change.
    pub fn redo(&mut self, docket: &mut Docket) -> Option<Replayed> {
        Self::replay(&mut self.undone, &mut self.done, docket)
    }

    fn replay(from: &mut Vec<Step>, to: &mut Vec<Step>, docket: &mut Docket) -> Option<Replayed> {
        let step = from.pop()?;
        let reverse = docket.put(step.puts.clone());
        to.push(Step {
            description: step.description.clone(),
            puts: reverse,
        });
        Some(Replayed {
            description: step.description,
            puts: step.puts,
        })
    }

    /// Forgets the steps that would put back a record with one of these ids
    /// (changed by someone else meanwhile: an undo would undo their change
    /// too): the latest such step, and every step before it, which could
    /// only be replayed after it. Undo and redo alike.
    pub fn forget_touching(&mut self, ids: &[&str]) {
        for steps in [&mut self.done, &mut self.undone] {
            let touches = |step: &Step| {
                step.puts.iter().any(|put| match put {
                    Put::City(id, _) | Put::Letter(id, _) => ids.contains(&id.as_str()),
                    Put::Conflicts(_) | Put::Settings(_) => false,
                })
            };
            if let Some(latest) = steps.iter().rposition(touches) {
                steps.drain(..=latest);
            }
        }
    }

    /// Forgets everything (after the file was reloaded from disk).
    pub fn clear(&mut self) {
        *self = History::default();
    }
}
