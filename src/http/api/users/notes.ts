import { addUserNote, deleteUserNote, editUserNote } from "../../../features/users/patch-user.js";
import { actorOf } from "../../actor.js";
import type { ApiApp, HttpDeps } from "../../app.js";
import { notFound } from "../../errors.js";
import { toNoteJson } from "./json.js";
import { findUser } from "./request.js";
import * as routes from "./routes.js";

/** The notes admins and the API keep on a user: add, list, edit, delete. */
export function registerNoteRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(routes.addNote, (c) => {
    const { id } = c.req.valid("param");
    const { text } = c.req.valid("json");
    const note = addUserNote(services, actorOf(c), { userId: id, text });
    if (!note) throw notFound(`User ${id}`);
    return c.json(toNoteJson(note), 201);
  });

  api.openapi(routes.listNotes, (c) => {
    const { id } = c.req.valid("param");
    findUser(services, id);
    return c.json({ notes: services.users.notesOf(id).map(toNoteJson) }, 200);
  });

  api.openapi(routes.editNote, (c) => {
    const { id, note_id: noteId } = c.req.valid("param");
    const { text } = c.req.valid("json");
    findUser(services, id);
    const note = editUserNote(services, actorOf(c), { userId: id, noteId, text });
    if (!note) throw notFound(`Note ${noteId} of user ${id}`);
    return c.json(toNoteJson(note), 200);
  });

  api.openapi(routes.deleteNote, (c) => {
    const { id, note_id: noteId } = c.req.valid("param");
    findUser(services, id);
    if (!deleteUserNote(services, actorOf(c), { userId: id, noteId }))
      throw notFound(`Note ${noteId} of user ${id}`);
    return c.body(null, 204);
  });
}
