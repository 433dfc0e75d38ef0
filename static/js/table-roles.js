// Safari drops a table's semantics when CSS changes its display, as the stacked cards of a
// `table-stack` table on a phone do: explicit ARIA roles keep them. Set here rather than in the
// HTML, where the W3C checker refuses them as repeating what the elements already say.
document.querySelectorAll("table.table-stack").forEach((table) => {
  table.setAttribute("role", "table");
  table.querySelectorAll("thead, tbody, tfoot").forEach((group) => group.setAttribute("role", "rowgroup"));
  table.querySelectorAll("tr").forEach((row) => row.setAttribute("role", "row"));
  table.querySelectorAll("th").forEach((cell) =>
    cell.setAttribute("role", cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader"),
  );
  table.querySelectorAll("td").forEach((cell) => cell.setAttribute("role", "cell"));
});
