import type { ChangeEventHandler } from "react";

/**
 * Radio buttons drawn as cards. Selected: the brand ring, a tinted card and a check mark. Focused: a dashed outline
 * around the card, so a keyboard user can tell the card they are on from the one chosen (issue 16, defect 14).
 */
export function ChoiceCards<Value extends string>({
  legend,
  name,
  choices,
  defaultValue,
  errors,
  onChange,
  columns = "sm:grid-cols-3",
}: {
  legend: string;
  name: string;
  choices: readonly { value: Value; label: string; description: string }[];
  defaultValue: Value;
  errors?: string[];
  onChange?: ChangeEventHandler<HTMLInputElement>;
  columns?: "sm:grid-cols-2" | "sm:grid-cols-3";
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="text-sm font-medium text-zinc-800">{legend}</legend>
      <div className={`mt-2 grid gap-3 ${columns}`}>
        {choices.map((choice) => (
          <label
            key={choice.value}
            className="relative flex cursor-pointer flex-col rounded-xl bg-white p-4 pr-10 ring-1 ring-zinc-300 has-checked:bg-brand-50 has-checked:ring-2 has-checked:ring-brand-600 has-focus-visible:outline-2 has-focus-visible:outline-offset-4 has-focus-visible:outline-zinc-900 has-focus-visible:outline-dashed"
          >
            <input
              type="radio"
              name={name}
              value={choice.value}
              defaultChecked={choice.value === defaultValue}
              onChange={onChange}
              className="peer sr-only"
            />
            <span className="text-sm font-semibold text-zinc-900">{choice.label}</span>
            <span className="text-xs text-zinc-600">{choice.description}</span>
            <svg
              aria-hidden
              viewBox="0 0 20 20"
              className="absolute top-4 right-4 hidden size-5 text-brand-600 peer-checked:block"
              fill="currentColor"
            >
              <path d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.7-9.3-4 4a1 1 0 0 1-1.4 0l-2-2a1 1 0 1 1 1.4-1.4L9 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4Z" />
            </svg>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={errorId} className="mt-1.5 text-sm text-red-600">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
