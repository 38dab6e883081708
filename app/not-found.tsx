import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md px-4 py-24 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-3 text-zinc-600">The page you asked for does not exist, or is not available here.</p>
      <ButtonLink href="/" className="mt-8">
        Back to the home page
      </ButtonLink>
    </div>
  );
}
