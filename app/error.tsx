"use client";

import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-3 text-zinc-600">We could not load this page. Try again; if it keeps happening, the server log says why.</p>
      <Button onClick={reset} className="mt-8">
        Try again
      </Button>
    </div>
  );
}
