/** Not built yet (F7 in progress). */
export default function View() {
  return <p>—</p>;
}
