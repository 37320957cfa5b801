"use client";
import { useEffect, useRef, useState } from "react";
import type { LintFinding } from "@/lib/cors";
import { groupFindings, lintState, policyInputFromState, type EditorState, type LintResult } from "@/components/editor/draft-model";
import type { LintRequest, LintResponse } from "@/components/editor/lint.worker";

/** Above this many origins the lint runs in a Web Worker (small lists lint in well under a frame). */
const WORKER_THRESHOLD = 300;

interface Environment {
  protected: boolean;
  name: string;
}

/**
 * The core's lintPolicy on the working copy, as you type: at once for small
 * lists; for big ones after a short pause and in a worker, one run at a time
 * (the newest edit wins), so keystrokes are never blocked. Without worker
 * support it falls back to the main thread.
 */
export function useLint(state: EditorState, environment: Environment, now: number, initialFindings?: readonly LintFinding[]): LintResult {
  const big = state.origins.length > WORKER_THRESHOLD;
  // Big lists start from the server's findings for the same content (no 100 ms freeze on load); the worker confirms.
  const [result, setResult] = useState<LintResult>(() => (big && initialFindings ? groupFindings(state, initialFindings) : lintState(state, environment, now)));
  const first = useRef(true);
  const worker = useRef<Worker | null | undefined>(undefined);
  const inFlight = useRef<{ id: number; state: EditorState } | null>(null);
  const latest = useRef<{ id: number; state: EditorState; request: LintRequest } | null>(null);
  const seq = useRef(0);
  const lastSent = useRef(0);

  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  const { protected: isProtected, name } = environment;
  useEffect(() => {
    const env = { protected: isProtected, name };
    if (first.current) {
      first.current = false;
      if (!big || !initialFindings) return;
    }
    if (!big) {
      const timer = setTimeout(() => setResult(lintState(state, env, now)), 0);
      return () => clearTimeout(timer);
    }

    const getWorker = (): Worker | null => {
      if (worker.current !== undefined) return worker.current;
      try {
        const w = new Worker(new URL("./lint.worker.ts", import.meta.url));
        w.onmessage = (event: MessageEvent<LintResponse>) => {
          const done = inFlight.current;
          inFlight.current = null;
          if (done && done.id === event.data.id) setResult(groupFindings(done.state, event.data.findings));
          send();
        };
        w.onerror = () => {
          // No worker after all: lint here from now on.
          w.terminate();
          worker.current = null;
          inFlight.current = null;
          const next = latest.current;
          if (next) setResult(lintState(next.state, next.request.environment as Environment, next.request.now));
        };
        worker.current = w;
      } catch {
        worker.current = null;
      }
      return worker.current;
    };
    const send = () => {
      const next = latest.current;
      const w = worker.current;
      if (!next || !w || inFlight.current || next.id === lastSent.current) return;
      inFlight.current = { id: next.id, state: next.state };
      lastSent.current = next.id;
      w.postMessage(next.request);
    };

    const timer = setTimeout(() => {
      const id = ++seq.current;
      latest.current = { id, state, request: { id, policy: policyInputFromState(state), environment: env, now } };
      if (!getWorker()) {
        setResult(lintState(state, env, now));
        return;
      }
      send();
    }, 120);
    return () => clearTimeout(timer);
    // initialFindings only matter for the first run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, big, isProtected, name, now]);

  return result;
}
