import { AppError } from "@/lib/errors";
import { errorResponse } from "../_lib/route";

// ANY /api/* with no route of its own – a JSON 404 like every other API error, never Next's HTML page.
const notFound = (request: Request) => errorResponse(new AppError("not_found", "There is no API route at this path."), request);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
