//! A `## Values` section → enum values: from a table or a listing, strings or integers.

use super::*;

impl Cx<'_> {
    /// Whether every value is an integer, as the config says they are; an error at each that
    /// is not.
    pub(super) fn integer_values(&mut self, values: &[EnumValue]) -> bool {
        let mut all = true;
        for value in values.iter().filter(|v| parse_integer(&v.value).is_none()) {
            all = false;
            self.error(
                value.span,
                format!("`[enums]` says this enum's values are integers, but `{}` is not one", value.value),
                "remove the `[enums]` key or set it to \"string\"",
            );
        }
        all
    }

    /// Values the dialect read from somewhere other than a table (a code block, a list).
    pub(super) fn listed_values(&mut self, listed: Vec<ListedValue>) -> Vec<EnumValue> {
        let mut values: Vec<EnumValue> = Vec::new();
        for ListedValue { value, span, .. } in listed {
            if values.iter().any(|v| v.value == value) {
                self.error(span, format!("the value `{value}` is listed twice"), "remove one of them");
                continue;
            }
            values.push(EnumValue { name: String::new(), value, span });
        }
        values
    }

    pub(super) fn values(&mut self, table: &Table) -> Option<Vec<EnumValue>> {
        let [name_col, value_col] = self.columns(table, ["Name", "Value"], 2)?;
        let (name_col, value_col) = (name_col?, value_col?);
        let mut values: Vec<EnumValue> = Vec::new();
        for row in &table.rows {
            let Some(cells) = self.cells(row, table.header.len()) else { continue };
            let name = markdown::unescape(cells[name_col].text.trim_matches('`'));
            let value = markdown::unescape(cells[value_col].text.trim_matches('`'));
            if values.iter().any(|v| v.value == value) {
                self.error(
                    cells[value_col].span,
                    format!("the value `{value}` is listed twice"),
                    "remove one of the rows",
                );
                continue;
            }
            values.push(EnumValue { name, value, span: row.span });
        }
        Some(values)
    }
}
