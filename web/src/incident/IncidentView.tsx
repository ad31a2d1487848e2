/** Not built yet (F7 in progress). */
export default function IncidentView({ id }: { id: string }) {
  return <p>{id}</p>;
}
