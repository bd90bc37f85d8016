"use client";

import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";
import { initialsOf } from "./identity";
import "./presence.css";

/** What each client puts under `user` in its awareness state (the server sets `id` and `name` itself). */
export interface PresenceUser {
  id?: string;
  name?: string;
  color?: string;
  isViewOnly?: boolean;
  /** Typing suggestions rather than edits (lib/editor/suggesting.ts). */
  isSuggesting?: boolean;
}

export interface Person {
  key: string;
  name: string;
  color: string;
  isViewOnly: boolean;
  isSuggesting: boolean;
  isSelf: boolean;
}

const involvement = (p: { isViewOnly: boolean; isSuggesting: boolean }) => (p.isViewOnly ? 0 : p.isSuggesting ? 1 : 2);

const safeColor = (color: unknown) => (typeof color === "string" && /^#[0-9a-fA-F]{6}$/.test(color) ? color : "#4b5563");

/**
 * Everyone in the article, once each (two tabs of one person are one
 * avatar), yourself first. Someone with an editing tab and a viewing tab
 * counts as editing; a suggesting tab and a viewing tab, as suggesting.
 */
export function peopleFromAwareness(awareness: Awareness): Person[] {
  const people = new Map<string, Person>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = (state as { user?: PresenceUser } | null)?.user;
    if (!user) continue;
    const key = user.id ?? `client-${clientId}`;
    const isSelf = clientId === awareness.clientID;
    const isViewOnly = user.isViewOnly === true;
    const isSuggesting = !isViewOnly && user.isSuggesting === true;
    const known = people.get(key);
    if (known) {
      // The most a person does in any of their tabs: editing, else suggesting, else viewing.
      const most = Math.max(involvement(known), involvement({ isViewOnly, isSuggesting }));
      known.isViewOnly = most === 0;
      known.isSuggesting = most === 1;
      known.isSelf ||= isSelf;
      continue;
    }
    people.set(key, { key, name: user.name || "Someone", color: safeColor(user.color), isViewOnly, isSuggesting, isSelf });
  }
  return [...people.values()].sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
}

const signature = (people: Person[]) =>
  people.map((p) => `${p.key}|${p.name}|${p.color}|${p.isViewOnly}|${p.isSuggesting}|${p.isSelf}`).join("\n");

/**
 * The avatars row. Awareness changes with every caret move of every person;
 * this re-renders only when who is here (or how) changes.
 */
export function PresenceAvatars({ awareness }: { awareness: Awareness }) {
  const [people, setPeople] = useState<Person[]>(() => peopleFromAwareness(awareness));

  useEffect(() => {
    let shown = "";
    const update = () => {
      const next = peopleFromAwareness(awareness);
      const key = signature(next);
      if (key === shown) return;
      shown = key;
      setPeople(next);
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [awareness]);

  return (
    <ul className="presence-avatars" aria-label={`${people.length} ${people.length === 1 ? "person" : "people"} in this article`}>
      {people.map((person) => {
        const description = `${person.name}${person.isSelf ? " (you)" : ""}${person.isViewOnly ? " — view only" : person.isSuggesting ? " — suggesting" : " — editing"}`;
        return (
          <li
            key={person.key}
            className="presence-avatar"
            data-view-only={person.isViewOnly || undefined}
            style={{ backgroundColor: person.color }}
            title={description}
          >
            <span aria-hidden="true">{initialsOf(person.name)}</span>
            <span className="presence-sr-only">{description}</span>
            {person.isViewOnly && (
              <span className="presence-avatar__badge" aria-hidden="true">
                view
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
