// A labelled whole-number field (runs, seeds): typing anything else keeps the nearest allowed number.

interface Props {
  label: string;
  testId: string;
  value: number;
  min: number;
  onChange(value: number): void;
}

export function WholeNumberInput({ label, testId, value, min, onChange }: Props) {
  return (
    <label>
      {label}{" "}
      <input
        type="number"
        data-testid={testId}
        min={min}
        value={value}
        onChange={(e) => onChange(Math.max(min, Math.floor(Number(e.target.value) || min)))}
      />
    </label>
  );
}
