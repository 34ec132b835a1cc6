/** Calls one procedure over plain HTTP as a browser would, to see the real status and body. */
export async function rawCall(
  baseUrl: string,
  type: 'query' | 'mutation',
  path: string,
  input: unknown,
  cookie: string,
): Promise<{
  status: number;
  body: { error?: { message: string; data?: { code?: string; stack?: string } } };
}> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  const res =
    type === 'query'
      ? // Without input a browser's client sends no `input` parameter at all ("undefined" is not JSON).
        await fetch(
          `${baseUrl}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${baseUrl}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
  return { status: res.status, body: (await res.json()) as never };
}
