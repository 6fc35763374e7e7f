/** What planning keeps, behind its own narrow interface (a part of Store, reached as store.planning). */
export interface PlanningStore {}
