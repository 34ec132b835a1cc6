import { useParams } from 'wouter';

/** The route's numeric `:id`, or null when it is not a positive whole number. */
export function useIdParam(): number | null {
  const params = useParams<{ id: string }>();
  const id = Number(params.id);
  return Number.isInteger(id) && id > 0 ? id : null;
}
