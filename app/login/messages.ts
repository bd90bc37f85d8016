/**
 * next-auth's error codes in words. A wrong email and a wrong password read
 * the same, so the page never reveals which accounts exist.
 */
export function signInErrorMessage(code: string): string {
  switch (code) {
    case "CredentialsSignin":
      return "Incorrect email or password.";
    case "AccountLocked":
      return "Too many failed sign-in attempts. Try again in a few minutes.";
    case "SessionRequired":
      return "Please sign in to continue.";
    default:
      return "Sign-in did not work. Please try again.";
  }
}
