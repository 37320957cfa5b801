/**
 * A memo of a pure function of a string, for the config API's hot path:
 * services send the same few header values and paths on every request, so
 * each is parsed (or hashed) once. Bounded: emptied when `max` is reached.
 * `compute` never returns undefined.
 */
export function boundedMemo<V>(max: number, compute: (key: string) => V): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= max) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}
