"use client";

import { useEffect, useRef, useState, type ComponentProps } from "react";

/** How close to the limit a screen reader is told how much room is left: sooner, it would speak at every keystroke. */
const ANNOUNCE_WITHIN = 50;

/**
 * A labelled textarea with its hint, errors and a character counter (when it has a `maxLength`), wired to it for
 * screen readers. The counter counts as the browser's `maxLength` does, and so does the server: line breaks once each.
 */
export function TextAreaField({
  label,
  name,
  errors,
  hint,
  maxLength,
  defaultValue,
  ...textarea
}: Omit<ComponentProps<"textarea">, "defaultValue"> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
  defaultValue?: string;
}) {
  const id = textarea.id ?? `field-${name}`;
  const [length, setLength] = useState(() => (defaultValue ?? "").replace(/\r\n?/g, "\n").length);
  const field = useRef<HTMLTextAreaElement>(null);
  // A form action resets its form once it has answered (React 19): count again what the field holds then.
  useEffect(() => {
    const form = field.current?.form;
    const recount = () => setTimeout(() => setLength(field.current?.value.length ?? 0));
    form?.addEventListener("reset", recount);
    return () => form?.removeEventListener("reset", recount);
  }, []);
  const left = maxLength === undefined ? undefined : maxLength - length;
  const describedBy =
    [hint && `${id}-hint`, maxLength !== undefined && `${id}-count`, errors?.length && `${id}-error`].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <textarea
        ref={field}
        id={id}
        name={name}
        maxLength={maxLength}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        onInput={(event) => setLength(event.currentTarget.value.length)}
        className="block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-sm text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset placeholder:text-zinc-400 focus:ring-2 focus:ring-brand-600 focus:ring-inset aria-invalid:ring-red-500"
        {...textarea}
      />
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        {hint && (
          <p id={`${id}-hint`} className="text-xs text-zinc-500">
            {hint}
          </p>
        )}
        {maxLength !== undefined && (
          <p id={`${id}-count`} data-testid={`${name}-count`} className="ml-auto text-xs text-zinc-500 tabular-nums">
            {length} / {maxLength}
          </p>
        )}
      </div>
      {left !== undefined && (
        <p aria-live="polite" className="sr-only">
          {left <= ANNOUNCE_WITHIN ? `${left} characters left.` : ""}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
