"use client";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";

/** "Where is this origin allowed?" — a compact search form that opens the search page. */
export function OriginSearchBox({ initial = "", className = "", wide = false }: { initial?: string; className?: string; wide?: boolean }) {
  const router = useRouter();
  const id = useId();
  const [value, setValue] = useState(initial);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const origin = value.trim();
    if (!origin) return;
    router.push(`/search?${new URLSearchParams({ origin })}`);
  }

  return (
    // A plain GET form, so it also works before the page has hydrated.
    <form role="search" action="/search" method="get" onSubmit={onSubmit} className={`flex w-full min-w-0 flex-col gap-1 ${wide ? "" : "sm:w-auto"} ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        Where is an origin allowed?
      </label>
      <div className="flex min-w-0 gap-2">
        <input
          id={id}
          name="origin"
          type="search"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="https://old.example.com"
          spellCheck={false}
          autoCapitalize="off"
          className={`w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:ring-2 focus:ring-indigo-500 ${wide ? "sm:max-w-xl" : "sm:w-72"}`}
        />
        <button type="submit" className="shrink-0 rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
          Search
        </button>
      </div>
    </form>
  );
}
