import type { ReactNode } from "react";

type Column = string | { label: string; align: "end" };

interface StackTableProps {
  /** The table's own class, e.g. "users-table". */
  className: string;
  columns: Column[];
  /** The accessible name: a label, or the id of a visible heading. */
  label?: string;
  labelledBy?: string;
  /** The body rows. */
  children: ReactNode;
}

/**
 * A table with column heads on a wide screen that becomes a stack of cards on a phone,
 * each value named by its cell's data-label (narrow.css).
 */
export function StackTable({ className, columns, label, labelledBy, children }: StackTableProps) {
  return (
    <div className="table-wrap">
      <table className={`table table-stack table-labelled ${className}`} aria-label={label} aria-labelledby={labelledBy}>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className="align-end">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
