import type { Command } from "../command";
import { articleCreate, articleRestore, articleShare, articleStatus, articleVersions } from "./articles";
import { backup, restore } from "./backup";
import { deskAdd, deskCreate, deskList, deskRemove } from "./desks";
import { token } from "./token";
import { adminCreate, userAdd, userDisable, userEnable, userList, userResetPassword, userSetRole } from "./users";

/** Every galley command, in the order the usage lists them. */
export const commands = [
  adminCreate,
  userAdd,
  userList,
  userSetRole,
  userDisable,
  userEnable,
  userResetPassword,
  articleCreate,
  articleShare,
  articleVersions,
  articleRestore,
  articleStatus,
  deskCreate,
  deskAdd,
  deskRemove,
  deskList,
  token,
  backup,
  restore,
] as unknown as readonly Command[];
