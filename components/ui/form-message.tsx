/** A form's outcome, announced to screen readers when it appears. */
export function FormMessage({ tone, children }: { tone: "error" | "success"; children: React.ReactNode }) {
  return (
    <p className={`form-message form-message-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </p>
  );
}
