//! The order of urgency: which letter needs attention first.

use super::Status;

/// A letter's place in the order of urgency, most urgent first: by status
/// (overdue, due today, due soon, open, no deadline, answered late,
/// answered, closed, not yet sent), then by days left (longest overdue
/// first, none last), then by `id`: the letter's id, anything ordered as
/// the ids are (such as their ranks), or `()` to leave ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Urgency<Id> {
    status: Status,
    /// Days left to the deadline; `i64::MAX` for none, so that none go last.
    days_left: i64,
    id: Id,
}

impl<Id> Urgency<Id> {
    /// The place of a letter with this status, days left and id.
    pub fn new(status: Status, days_left: Option<i64>, id: Id) -> Self {
        Urgency {
            status,
            days_left: days_left.unwrap_or(i64::MAX),
            id,
        }
    }
}

impl Urgency<u32> {
    /// The place as one number that orders as the place does, for sorting
    /// many letters fast: the fields in order, each keeping its own order.
    pub fn packed(self) -> u128 {
        // Flipping the sign bit orders an i64's bits as the i64 orders.
        let days = (self.days_left as u64) ^ (1 << 63);
        (self.status as u128) << 96 | u128::from(days) << 32 | u128::from(self.id)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn urgency() -> impl Strategy<Value = Urgency<u32>> {
        let days = prop_oneof![
            Just(None),
            Just(Some(i64::MIN)),
            Just(Some(i64::MAX - 1)),
            (-400i64..400).prop_map(Some),
            any::<i64>().prop_map(Some),
        ];
        let id = prop_oneof![Just(0u32), Just(u32::MAX), any::<u32>(), 0u32..4];
        (proptest::sample::select(Status::ALL.to_vec()), days, id)
            .prop_map(|(status, days, id)| Urgency::new(status, days, id))
    }

    proptest! {
        #[test]
        fn packed_places_order_as_the_places_do(a in urgency(), b in urgency()) {
            prop_assert_eq!(a.packed().cmp(&b.packed()), a.cmp(&b));
        }
    }

    #[test]
    fn no_deadline_goes_after_every_deadline() {
        let open = |days| Urgency::new(Status::Open, days, ());
        assert!(open(Some(-3)) < open(Some(0)));
        assert!(open(Some(i64::MAX - 1)) < open(None));
        assert!(Urgency::new(Status::Overdue, None, ()) < open(Some(-3)));
        assert!(
            Urgency::new(Status::Open, Some(2), "a") < Urgency::new(Status::Open, Some(2), "b")
        );
    }
}
