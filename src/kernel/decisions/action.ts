/**
 * What a leader can decide on his turn (one politics round), as data: a player's choice, a saved game's log
 * entry, a search policy's candidate. Persons and regions are named by their scenario ids so a log reads
 * (and replays) on its own. Pure types: the world holds the intent in force, the mechanisms read it.
 */

export type ActionKind =
  /** the model's own rule decides each of his choices this round, as it does for every rival */
  | "auto"
  /** he takes no initiative this round (he still votes, and backs as he backs) */
  | "wait"
  /** propose a ruling coalition with these members (each must agree) */
  | "ally"
  /** leave the ruling coalition */
  | "break"
  /** table a motion to push a rival one step down the ladder */
  | "motion"
  /** court a swing member with a concession on the line */
  | "court"
  /** (not seeking power himself) back this contender */
  | "back"
  /** recant and submit to the rulers */
  | "recant"
  /** launch a mass enrolment campaign */
  | "enrol"
  /** place a client as secretary of a region */
  | "appoint"
  /** issue an opposition platform */
  | "platform"
  /** move his line toward the leadership's, paying in standing if inflexible */
  | "shift"
  /** decide the founder's testament: published, read to delegations, or suppressed */
  | "testament"
  /** offer to resign (when the testament names him) */
  | "resign";

export interface Action {
  kind: ActionKind;
  /** motion, court, back: the person's id */
  target?: string;
  /** ally: the coalition's members' ids (him included) */
  members?: string[];
  /** appoint: the region's id */
  region?: string;
  /** testament: the letter's fate */
  fate?: "published" | "read" | "suppressed";
}

/** The intent of the one leader a player (or a policy) controls, in force until his next turn. */
export interface Control {
  person: number;
  action: Action;
  /** Resolved indices: the target person (motion, court, back) or region (appoint), else -1. */
  target: number;
  region: number;
  members: number[];
  /** Set once a one-off action has been carried out (or refused) this round. */
  used: boolean;
  /** What became of it, for the player: "done", "refused: …", or "" while pending. */
  result: string;
}
